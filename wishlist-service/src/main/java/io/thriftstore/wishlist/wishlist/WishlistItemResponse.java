package io.thriftstore.wishlist.wishlist;

import io.swagger.v3.oas.annotations.media.Schema;
import io.thriftstore.platform.productclient.CatalogProduct;

import java.math.BigDecimal;
import java.time.Instant;

/** An item as the owner sees it (DESIGN section 5). */
record WishlistItemResponse(
        String productId,
        String name,
        BigDecimal price,
        String currency,
        String sellerId,
        Instant addedAt,
        @Schema(description = "true: on sale and in stock; false: sold out, archived or gone; null: product-service "
            + "cannot be reached right now (name and price are then those stored when the item was added)",
            nullable = true)
        Boolean available) {

    /** With the product's current data. */
    static WishlistItemResponse of(WishlistItem item, CatalogProduct current) {
        return new WishlistItemResponse(item.productId(), current.name(), current.price(), current.currency(),
            current.sellerId(), item.addedAt(), current.available());
    }

    /** The stored snapshot, with what is known of availability: false (no such product now) or null (unknown). */
    static WishlistItemResponse snapshot(WishlistItem item, Boolean available) {
        return new WishlistItemResponse(item.productId(), item.productName(), item.price(), item.currency(),
            item.sellerId(), item.addedAt(), available);
    }
}
