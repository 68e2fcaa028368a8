package io.thriftstore.wishlist.wishlist;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.outbox.Outbox;
import io.thriftstore.platform.productclient.CatalogProduct;
import io.thriftstore.platform.productclient.ProductClient;
import io.thriftstore.platform.productclient.ProductServiceUnavailableException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each user's own wishlist. Changes and their events commit together (outbox), and an event is written
 * only when a row really was inserted or deleted: a repeated or concurrent duplicate request changes
 * nothing and publishes nothing.
 */
@Service
class Wishlists {

    static final int MAX_ITEMS = 500;

    private static final Logger log = LoggerFactory.getLogger(Wishlists.class);

    /** What a product id can look like; anything else cannot name a product and is not sent to product-service. */
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final WishlistItems items;
    private final ProductClient catalog;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Wishlists(WishlistItems items, ProductClient catalog, Outbox outbox, PlatformTransactionManager transactionManager) {
        this.items = items;
        this.catalog = catalog;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = Clock.systemUTC();
    }

    record Added(WishlistItemResponse item, boolean created) {
    }

    /**
     * Puts the product on the user's wishlist. The product is looked up before the transaction starts,
     * so no database connection waits for product-service.
     */
    Added add(String userId, String productId) {
        CatalogProduct product = lookUp(productId);
        return transactions.execute(status -> {
            items.lockWishlistOf(userId);
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS); // PostgreSQL's precision
            boolean isNew = items.findByUserIdAndProductId(userId, productId).isEmpty();
            if (isNew && items.countByUserId(userId) >= MAX_ITEMS) {
                throw new ConflictException("A wishlist holds at most " + MAX_ITEMS + " items; remove one first.");
            }
            int inserted = items.insertIfAbsent(userId, productId, product.name(), product.price(), product.currency(),
                product.sellerId(), now);
            WishlistItem item = items.findByUserIdAndProductId(userId, productId).orElseThrow();
            if (inserted == 1) {
                outbox.append(EventType.WISHLIST_ITEM_ADDED,
                    new WishlistEvent(userId, productId, product.name(), product.sellerId(), now));
            }
            else {
                item.refresh(product);
            }
            return new Added(WishlistItemResponse.of(item, product), inserted == 1);
        });
    }

    /** Takes the product off the user's wishlist; nothing happens when it is not there. */
    void remove(String userId, String productId) {
        transactions.executeWithoutResult(status -> {
            items.lockWishlistOf(userId);
            items.findByUserIdAndProductId(userId, productId).ifPresent(item -> {
                items.delete(item);
                outbox.append(EventType.WISHLIST_ITEM_REMOVED,
                    new WishlistEvent(userId, productId, item.productName(), item.sellerId(), Instant.now(clock)));
            });
        });
    }

    /** The user's items with the products' current data, or their snapshots when product-service cannot say. */
    WishlistResponse list(String userId) {
        List<WishlistItem> stored = items.findByUserIdOrderByAddedAtDescIdDesc(userId);
        if (stored.isEmpty()) {
            return new WishlistResponse(List.of());
        }
        Optional<Map<String, CatalogProduct>> current = currentProducts(stored.stream().map(WishlistItem::productId).toList());
        return new WishlistResponse(stored.stream()
            .map(item -> current.map(products -> withCurrent(item, products.get(item.productId())))
                .orElseGet(() -> WishlistItemResponse.snapshot(item, null)))
            .toList());
    }

    /** The list with only this product: one item, or none when it is not on the user's wishlist. */
    WishlistResponse find(String userId, String productId) {
        return items.findByUserIdAndProductId(userId, productId).isEmpty()
            ? new WishlistResponse(List.of())
            : new WishlistResponse(List.of(item(userId, productId)));
    }

    /** One item of the user's wishlist, like in {@link #list}. */
    WishlistItemResponse item(String userId, String productId) {
        WishlistItem item = items.findByUserIdAndProductId(userId, productId)
            .orElseThrow(() -> new NotFoundException("Product " + productId + " is not on your wishlist."));
        try {
            return withCurrent(item, catalog.product(productId).orElse(null));
        }
        catch (ProductServiceUnavailableException e) {
            log.warn("Showing the stored snapshot of product {}: {}", productId, e.getMessage());
            return WishlistItemResponse.snapshot(item, null);
        }
    }

    private static WishlistItemResponse withCurrent(WishlistItem item, CatalogProduct current) {
        // A product product-service no longer knows cannot be bought: the snapshot, unavailable.
        return current == null ? WishlistItemResponse.snapshot(item, false) : WishlistItemResponse.of(item, current);
    }

    private Optional<Map<String, CatalogProduct>> currentProducts(List<String> productIds) {
        try {
            return Optional.of(catalog.products(productIds));
        }
        catch (ProductServiceUnavailableException e) {
            log.warn("Showing stored snapshots: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private CatalogProduct lookUp(String productId) {
        if (!PRODUCT_ID.matcher(productId).matches()) {
            throw new NotFoundException("No product " + productId + ".");
        }
        try {
            return catalog.product(productId).orElseThrow(() -> new NotFoundException("No product " + productId + "."));
        }
        catch (ProductServiceUnavailableException e) {
            log.warn("Cannot add product {}: {}", productId, e.getMessage());
            throw new ServiceUnavailableException("The catalog cannot be reached right now; try again in a moment.");
        }
    }
}
