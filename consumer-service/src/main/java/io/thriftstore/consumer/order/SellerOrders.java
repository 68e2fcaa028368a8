package io.thriftstore.consumer.order;

import java.util.LinkedHashMap;
import java.util.Map;

import io.thriftstore.platform.events.OrderEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Each order's current status and lines, the basis of the seller insights. */
@Repository
class SellerOrders {

    private final JdbcTemplate jdbc;

    SellerOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the order as of this event; an event older than what is stored changes nothing. */
    void record(OrderEvent order) {
        jdbc.update("""
                INSERT INTO seller_order (order_id, seller_id, status, total, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, total = excluded.total,
                                                     version = excluded.version
                WHERE seller_order.version < excluded.version""",
                order.id(), order.sellerId(), order.status(), order.total(), order.version());
        // The lines never change after placement; an order may list a product twice, so they are summed.
        Map<String, OrderEvent.Item> lines = new LinkedHashMap<>();
        for (OrderEvent.Item item : order.items()) {
            lines.merge(item.productId(), item, (a, b) ->
                    new OrderEvent.Item(a.productId(), a.name(), a.unitPrice(), a.quantity() + b.quantity()));
        }
        for (OrderEvent.Item line : lines.values()) {
            jdbc.update("""
                    INSERT INTO order_line (order_id, product_id, name, quantity) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", order.id(), line.productId(), line.name(), line.quantity());
        }
    }

    /** order.reviewed: the stars count towards the seller's rating once, however often the event arrives. */
    void recordReview(OrderEvent order) {
        jdbc.update("""
                INSERT INTO seller_review (order_id, seller_id, rating, reviewed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (order_id) DO NOTHING""",
                order.id(), order.sellerId(), order.review().rating(),
                java.sql.Timestamp.from(order.review().createdAt() == null ? order.updatedAt() : order.review().createdAt()));
    }
}
