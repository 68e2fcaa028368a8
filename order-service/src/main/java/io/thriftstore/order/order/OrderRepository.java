package io.thriftstore.order.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in PostgreSQL: the row, its lines ({@code order_item}) and its history ({@code order_history}), in the
 * caller's transaction.
 *
 * <p>Plain SQL rather than JPA. The order is written in a few known shapes (placed, moved one step, reviewed), each
 * one or two statements, and read whole. Hibernate added nothing to that but work: a new order written CONFIRMED at
 * version 1 in one step looked like a detached copy to it, so it needed a JDBC side door anyway; its session cost
 * CPU on the busiest path of the platform; and its metamodel and proxies made order-service the only service over
 * the memory goal (docs/PERFORMANCE.md, run 15).
 */
@Repository
class OrderRepository {

    private static final String COLUMNS = """
        id, buyer_id, buyer_name, seller_id, seller_name, total, currency, status, reason, created_at, updated_at,
        review_rating, review_comment, reviewed_at, version""";
    private static final String INSERT_ORDER = """
        INSERT INTO orders (id, buyer_id, buyer_name, seller_id, seller_name, total, currency, status, reason,
                            created_at, updated_at, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ITEMS =
        "INSERT INTO order_item (order_id, position, product_id, name, unit_price, quantity) VALUES ";
    private static final String INSERT_HISTORY =
        "INSERT INTO order_history (order_id, position, status, changed_at, changed_by) VALUES ";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Order> findById(UUID id) {
        return whole(jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ?").param(id).query(OrderRepository::row).list())
            .stream().findFirst();
    }

    /** The order with its row locked until commit: writers of one order take turns. */
    Optional<Order> findForUpdate(UUID id) {
        return whole(jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ? FOR UPDATE").param(id)
            .query(OrderRepository::row).list()).stream().findFirst();
    }

    /**
     * One page of the orders {@code userId} bought ({@link Role#BUYER}) or sold, optionally of one status; newest
     * first, ties (same instant) by id, so pages never overlap. The count is skipped when the page says it all.
     */
    Page<Order> findByParty(Role role, String userId, OrderStatus status, Pageable pageable) {
        // A fixed column per role, never text from the request.
        String where = " FROM orders WHERE " + (role == Role.SELLER ? "seller_id" : "buyer_id") + " = ?"
            + (status == null ? "" : " AND status = ?");
        List<Object> params = status == null ? List.of(userId) : List.of(userId, status.name());
        List<Object> paged = new ArrayList<>(params);
        Collections.addAll(paged, pageable.getPageSize(), pageable.getOffset());
        List<Order> content = whole(jdbc.sql("SELECT " + COLUMNS + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
            .params(paged).query(OrderRepository::row).list());
        return PageableExecutionUtils.getPage(content, pageable,
            () -> jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single());
    }

    /**
     * PENDING orders placed before {@code cutoff}, locked; rows another instance holds are skipped, so several
     * instances share the work without waiting for each other or touching an order twice.
     */
    List<Order> lockPendingPlacedBefore(Instant cutoff, int limit) {
        return whole(jdbc.sql("SELECT " + COLUMNS + """
                 FROM orders WHERE status = 'PENDING' AND created_at < ?
                ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
            .param(timestamp(cutoff)).param(limit).query(OrderRepository::row).list());
    }

    /** A new order: the row, its lines and its history, three statements. */
    void insert(Order order) {
        jdbc.sql(INSERT_ORDER).params(order.id(), order.buyerId(), order.buyerName(), order.sellerId(), order.sellerName(),
            order.total(), order.currency(), order.status().name(), order.reason(), timestamp(order.createdAt()),
            timestamp(order.updatedAt()), order.version()).update();
        List<Object> items = new ArrayList<>();
        List<OrderItem> lines = order.items();
        for (int position = 0; position < lines.size(); position++) {
            OrderItem line = lines.get(position);
            Collections.addAll(items, order.id(), position, line.productId(), line.name(), line.unitPrice(), line.quantity());
        }
        jdbc.sql(INSERT_ITEMS + rows(lines.size(), 6)).params(items).update();
        List<Object> history = new ArrayList<>();
        List<HistoryEntry> entries = order.history();
        for (int position = 0; position < entries.size(); position++) {
            Collections.addAll(history, historyRow(order.id(), position, entries.get(position)));
        }
        jdbc.sql(INSERT_HISTORY + rows(entries.size(), 5)).params(history).update();
    }

    /** The order after {@link Order#moveTo}: its status, reason and time, the new version, and the new history entry. */
    void updateMoved(Order order) {
        updateOver(order, "status = ?, reason = ?, updated_at = ?",
            order.status().name(), order.reason(), timestamp(order.updatedAt()));
        List<HistoryEntry> entries = order.history();
        int last = entries.size() - 1;
        jdbc.sql(INSERT_HISTORY + rows(1, 5)).params(historyRow(order.id(), last, entries.get(last))).update();
    }

    /** The order after {@link Order#review}: the review and the new version. */
    void updateReviewed(Order order) {
        updateOver(order, "review_rating = ?, review_comment = ?, reviewed_at = ?",
            order.reviewRating(), order.reviewComment(), timestamp(order.reviewedAt()));
    }

    /** Writes {@code set} and the order's version, only over the version before (the one the change was made on). */
    private void updateOver(Order order, String set, Object... values) {
        List<Object> params = new ArrayList<>(Arrays.asList(values)); // nulls too (no reason, no comment)
        Collections.addAll(params, order.version(), order.id(), order.version() - 1);
        int updated = jdbc.sql("UPDATE orders SET " + set + ", version = ? WHERE id = ? AND version = ?").params(params).update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Order " + order.id() + " changed since it was read");
        }
    }

    /** Reads the lines and history of the orders (two queries, whatever their number) into whole orders. */
    private List<Order> whole(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        String[] ids = rows.stream().map(row -> row.id().toString()).toArray(String[]::new);
        Map<UUID, List<OrderItem>> items = new HashMap<>();
        jdbc.sql("""
                SELECT order_id, product_id, name, unit_price, quantity FROM order_item
                WHERE order_id = ANY (?::uuid[]) ORDER BY order_id, position""")
            .param(ids)
            .query(rs -> {
                items.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(new OrderItem(rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getInt(5)));
            });
        Map<UUID, List<HistoryEntry>> history = new HashMap<>();
        jdbc.sql("""
                SELECT order_id, status, changed_at, changed_by FROM order_history
                WHERE order_id = ANY (?::uuid[]) ORDER BY order_id, position""")
            .param(ids)
            .query(rs -> {
                history.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(new HistoryEntry(OrderStatus.valueOf(rs.getString(2)), instant(rs, 3), rs.getString(4)));
            });
        return rows.stream().map(row -> row.order(items.getOrDefault(row.id(), List.of()),
            history.getOrDefault(row.id(), List.of()))).toList();
    }

    /** An order's own columns, before its lines and history are read. */
    private record Row(UUID id, String buyerId, String buyerName, String sellerId, String sellerName,
                       BigDecimal total, String currency, OrderStatus status, String reason, Instant createdAt,
                       Instant updatedAt, Integer reviewRating, String reviewComment, Instant reviewedAt, long version) {

        Order order(List<OrderItem> items, List<HistoryEntry> history) {
            return new Order(id, buyerId, buyerName, sellerId, sellerName, total, currency, status, reason, createdAt,
                updatedAt, reviewRating, reviewComment, reviewedAt, version, items, history);
        }
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("buyer_id"), rs.getString("buyer_name"),
            rs.getString("seller_id"), rs.getString("seller_name"), rs.getBigDecimal("total"), rs.getString("currency"),
            OrderStatus.valueOf(rs.getString("status")), rs.getString("reason"), instant(rs, "created_at"),
            instant(rs, "updated_at"), rs.getObject("review_rating", Integer.class), rs.getString("review_comment"),
            instant(rs, "reviewed_at"), rs.getLong("version"));
    }

    private static Object[] historyRow(UUID orderId, int position, HistoryEntry entry) {
        return new Object[] {orderId, position, entry.status().name(), timestamp(entry.at()), entry.by()};
    }

    /** {@code (?, ?), (?, ?)} for two rows of two columns: one statement for all rows. */
    private static String rows(int count, int columns) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(count, row));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
