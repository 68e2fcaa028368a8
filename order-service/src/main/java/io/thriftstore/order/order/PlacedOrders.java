package io.thriftstore.order.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes a new order: the row, its lines and its history, three statements in the caller's transaction.
 *
 * <p>Plain JDBC instead of the JPA repository because a new order is written once, already CONFIRMED at version 1
 * ({@link Order#confirmBeforeFirstWrite}). JPA cannot persist an entity whose version is set (it takes it for a
 * detached copy), so it would insert the order at version 0 and then update it: two flushes, an update and a
 * second history insert on the busiest path of the platform. Reads and later changes stay with JPA.
 */
@Repository
class PlacedOrders {

    private static final String INSERT_ORDER = """
        INSERT INTO orders (id, buyer_id, buyer_name, seller_id, seller_name, total, currency, status, reason,
                            created_at, updated_at, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ITEMS =
        "INSERT INTO order_item (order_id, position, product_id, name, unit_price, quantity) VALUES ";
    private static final String INSERT_HISTORY =
        "INSERT INTO order_history (order_id, position, status, changed_at, changed_by) VALUES ";

    private final JdbcTemplate jdbc;

    PlacedOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Order order) {
        jdbc.update(INSERT_ORDER, order.id(), order.buyerId(), order.buyerName(), order.sellerId(), order.sellerName(),
            order.total(), order.currency(), order.status().name(), order.reason(), timestamp(order.createdAt()),
            timestamp(order.updatedAt()), order.version());
        List<Object> items = new ArrayList<>();
        List<OrderItem> lines = order.items();
        for (int position = 0; position < lines.size(); position++) {
            OrderItem line = lines.get(position);
            Collections.addAll(items, order.id(), position, line.productId(), line.name(), line.unitPrice(), line.quantity());
        }
        jdbc.update(INSERT_ITEMS + rows(lines.size(), 6), items.toArray());
        List<Object> history = new ArrayList<>();
        List<HistoryEntry> entries = order.history();
        for (int position = 0; position < entries.size(); position++) {
            HistoryEntry entry = entries.get(position);
            Collections.addAll(history, order.id(), position, entry.status().name(), timestamp(entry.at()), entry.by());
        }
        jdbc.update(INSERT_HISTORY + rows(entries.size(), 5), history.toArray());
    }

    /** {@code (?, ?), (?, ?)} for two rows of two columns: one statement for all rows. */
    private static String rows(int count, int columns) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(count, row));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
