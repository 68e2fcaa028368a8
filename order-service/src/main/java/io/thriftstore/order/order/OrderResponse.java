package io.thriftstore.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.thriftstore.order.review.ReviewResponse;
import io.thriftstore.platform.events.OrderEvent;

/**
 * The Order JSON of DESIGN section 5, plus {@code review}: the buyer's review once there is one, else null (the
 * dashboard shows the review form on a delivered order without one).
 */
record OrderResponse(
        String id,
        String buyerId,
        String buyerName,
        String sellerId,
        String sellerName,
        List<Item> items,
        BigDecimal total,
        String currency,
        OrderStatus status,
        String reason,
        List<History> history,
        Instant createdAt,
        Instant updatedAt,
        long version,
        ReviewResponse review) {

    record Item(String productId, String name, BigDecimal unitPrice, int quantity) {
    }

    record History(OrderStatus status, Instant at, String by) {
    }

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id().toString(), order.buyerId(), order.buyerName(), order.sellerId(),
            order.sellerName(),
            order.items().stream().map(i -> new Item(i.productId(), i.name(), i.unitPrice(), i.quantity())).toList(),
            order.total(), order.currency(), order.status(), order.reason(),
            order.history().stream().map(h -> new History(h.status(), h.at(), h.by())).toList(),
            order.createdAt(), order.updatedAt(), order.version(), reviewOf(order));
    }

    static ReviewResponse reviewOf(Order order) {
        if (!order.reviewed()) {
            return null;
        }
        return new ReviewResponse(order.id().toString(),
            ReviewResponse.productName(order.items().stream().map(OrderItem::name).toList()),
            order.reviewRating(), order.reviewComment(), order.buyerName(), order.reviewedAt());
    }

    /** The event payload: the full order after the change, the status before it, and who made it. */
    static OrderEvent event(Order order, OrderStatus previous, String actorId) {
        OrderResponse o = of(order);
        return new OrderEvent(o.id, o.buyerId, o.buyerName, o.sellerId, o.sellerName,
            o.items.stream().map(i -> new OrderEvent.Item(i.productId, i.name, i.unitPrice, i.quantity)).toList(),
            o.total, o.currency, o.status.name(), o.reason,
            o.history.stream().map(h -> new OrderEvent.HistoryEntry(h.status.name(), h.at, h.by)).toList(),
            o.createdAt, o.updatedAt, o.version, previous == null ? null : previous.name(), actorId,
            o.review == null ? null : new OrderEvent.Review(o.review.rating(), o.review.comment(), o.review.productName(),
                o.review.buyerName(), o.review.createdAt()));
    }
}
