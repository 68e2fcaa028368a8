package io.thriftstore.platform.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * order.* events: the full order after the change, the status before it, and who made it; order.reviewed adds the
 * {@code review} (null on every other type).
 */
public record OrderEvent(
        String id,
        String buyerId,
        String buyerName,
        String sellerId,
        String sellerName,
        List<Item> items,
        BigDecimal total,
        String currency,
        String status,
        String reason,
        List<HistoryEntry> history,
        Instant createdAt,
        Instant updatedAt,
        long version,
        String previousStatus,
        String actorId,
        Review review) implements EventData {

    /** The actor id used for transitions the platform makes on its own (confirm, reject, timeout). */
    public static final String SYSTEM_ACTOR = "system";

    public OrderEvent {
        items = items == null ? List.of() : List.copyOf(items);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The events without a review: every type but order.reviewed. */
    public OrderEvent(String id, String buyerId, String buyerName, String sellerId, String sellerName, List<Item> items,
                      BigDecimal total, String currency, String status, String reason, List<HistoryEntry> history,
                      Instant createdAt, Instant updatedAt, long version, String previousStatus, String actorId) {
        this(id, buyerId, buyerName, sellerId, sellerName, items, total, currency, status, reason, history, createdAt,
            updatedAt, version, previousStatus, actorId, null);
    }

    /** The buyer's review of a delivered order (DESIGN "reviews (order-service)"). */
    public record Review(int rating, String comment, String productName, String buyerName, Instant createdAt) {
    }

    public record Item(String productId, String name, BigDecimal unitPrice, int quantity) {
    }

    public record HistoryEntry(String status, Instant at, String by) {
    }

    @Override
    public String eventKey() {
        return id;
    }
}
