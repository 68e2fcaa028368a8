package io.thriftstore.platform.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A realistic payload for every event type, keyed by the given aggregate id. Shared by the codec and Kafka tests. */
public final class SampleEvents {

    private static final Instant CREATED = Instant.parse("2025-03-01T09:15:30.123456Z");
    private static final Instant UPDATED = Instant.parse("2025-03-02T17:45:00.5Z");

    private SampleEvents() {
    }

    public static EventData dataFor(EventType type, String key) {
        return switch (type) {
            case ORDER_CREATED, ORDER_CONFIRMED, ORDER_REJECTED, ORDER_CANCELLED, ORDER_SHIPPED, ORDER_DELIVERED ->
                    order(key, type);
            case ORDER_REVIEWED -> reviewed(key);
            case PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_ARCHIVED -> product(key, type);
            case INVENTORY_RESERVED, INVENTORY_REJECTED, INVENTORY_RELEASED -> inventory(key, type);
            case WISHLIST_ITEM_ADDED, WISHLIST_ITEM_REMOVED ->
                    new WishlistEvent(key, "product-7", "Walnut bookshelf", "user_seller", UPDATED);
            case CHAT_MESSAGE_SENT -> new ChatMessageSent("msg-1", key, "user_buyer", "Bea Buyer",
                    "Is it still available?\nI can pick it up today.", UPDATED, "client-42", "user_seller");
            case NOTIFICATION_CREATED -> new NotificationCreated("notification-1", key, "ORDER_SHIPPED",
                    "Your order is on its way", "Walnut bookshelf was shipped by Sam Seller", "/orders/order-1",
                    "6b0b9d8c-2f7e-4a57-9d0c-6f1f6e0f4c11", CREATED);
        };
    }

    private static OrderEvent order(String id, EventType type) {
        String status = type.name().substring("ORDER_".length());
        return new OrderEvent(id, "user_buyer", "Bea Buyer", "user_seller", "Sam Seller",
                List.of(new OrderEvent.Item("product-7", "Walnut bookshelf", new BigDecimal("120.50"), 1),
                        new OrderEvent.Item("product-8", "Reading lamp", new BigDecimal("19.90"), 2)),
                new BigDecimal("160.30"), "USD", status, type == EventType.ORDER_REJECTED ? "OUT_OF_STOCK" : null,
                List.of(new OrderEvent.HistoryEntry("PENDING", CREATED, "user_buyer"),
                        new OrderEvent.HistoryEntry(status, UPDATED, OrderEvent.SYSTEM_ACTOR)),
                CREATED, UPDATED, 2, "PENDING", OrderEvent.SYSTEM_ACTOR);
    }

    private static OrderEvent reviewed(String id) {
        OrderEvent delivered = order(id, EventType.ORDER_DELIVERED);
        return new OrderEvent(id, delivered.buyerId(), delivered.buyerName(), delivered.sellerId(), delivered.sellerName(),
                delivered.items(), delivered.total(), delivered.currency(), delivered.status(), null, delivered.history(),
                CREATED, UPDATED, 2, "DELIVERED", "user_buyer",
                new OrderEvent.Review(4, "Sturdy, as described.", "Walnut bookshelf", "Bea Buyer", UPDATED));
    }

    private static ProductEvent product(String id, EventType type) {
        boolean update = type == EventType.PRODUCT_UPDATED;
        return new ProductEvent(id, "user_seller", "Sam Seller", "Walnut bookshelf", "Solid walnut, 5 shelves",
                new BigDecimal("99.00"), "USD", "furniture", "GOOD", 1,
                type == EventType.PRODUCT_ARCHIVED ? "ARCHIVED" : "ACTIVE", List.of("/api/images/img-1"),
                CREATED, UPDATED, 3, update ? new BigDecimal("120.50") : null, update ? 0 : null);
    }

    private static InventoryEvent inventory(String orderId, EventType type) {
        boolean rejected = type == EventType.INVENTORY_REJECTED;
        return new InventoryEvent(orderId,
                List.of(new InventoryEvent.Item("product-7", 1, rejected ? null : 0)),
                rejected ? "OUT_OF_STOCK" : null);
    }
}
