package io.thriftstore.product.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A held order: everything order-service needs to store it (names, prices, seller, currency as the catalog had
 * them when the stock was taken), and until when the hold waits for the order to commit ({@code expiresAt}; null
 * once order-events showed the order).
 */
record HoldResponse(String orderId, String buyerId, String sellerId, String sellerName, String currency,
                    List<Item> items, Instant expiresAt) {

    /** {@code remaining}: the product's stock right after this hold took its share. */
    record Item(String productId, String name, BigDecimal price, int quantity, Integer remaining) {
    }
}
