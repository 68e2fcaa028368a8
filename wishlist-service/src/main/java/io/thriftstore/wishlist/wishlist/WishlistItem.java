package io.thriftstore.wishlist.wishlist;

import io.thriftstore.platform.productclient.CatalogProduct;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.math.BigDecimal;
import java.time.Instant;

/** A product on a user's wishlist, with the snapshot of the product taken when it was added. */
@Entity
@Table(name = "wishlist_item",
    uniqueConstraints = @UniqueConstraint(name = "wishlist_item_user_product", columnNames = {"user_id", "product_id"}))
class WishlistItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "product_id", nullable = false, length = 64)
    private String productId;

    @Column(name = "product_name", nullable = false)
    private String productName;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "seller_id", nullable = false)
    private String sellerId;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected WishlistItem() {
    }

    /** A repeated add keeps the item (and its date) but takes the product's current name and price. */
    void refresh(CatalogProduct product) {
        this.productName = product.name();
        this.price = product.price();
        this.currency = product.currency();
        this.sellerId = product.sellerId();
    }

    String userId() {
        return userId;
    }

    String productId() {
        return productId;
    }

    String productName() {
        return productName;
    }

    BigDecimal price() {
        return price;
    }

    String currency() {
        return currency;
    }

    String sellerId() {
        return sellerId;
    }

    Instant addedAt() {
        return addedAt;
    }
}
