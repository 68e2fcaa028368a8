package io.thriftstore.consumer.insights;

/**
 * {@code GET /api/insights/products/{id}}: people who have it on their wishlist now, orders that
 * contain it (any status), items of it sold (DELIVERED orders).
 */
record ProductInsights(String productId, long wishlistCount, long orderCount, long itemsSold) {
}
