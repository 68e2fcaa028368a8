package io.thriftstore.order.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A seller's public reviews and rating, read straight from the reviewed orders (the partial index
 * {@code orders_reviews_by_seller} holds only those). Plain SQL: a read model of a few columns, no entity needed.
 */
@Repository
class SellerReviews {

    private final JdbcTemplate jdbc;

    SellerReviews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    SellerRating rating(String sellerId) {
        return jdbc.queryForObject("""
                SELECT count(*) AS count, avg(review_rating) AS average FROM orders
                WHERE seller_id = ? AND reviewed_at IS NOT NULL""",
            (row, i) -> {
                long count = row.getLong("count");
                BigDecimal average = row.getBigDecimal("average");
                return new SellerRating(sellerId, average == null ? null : average.setScale(1, RoundingMode.HALF_UP), count);
            }, sellerId);
    }

    /** Newest first; ties (same instant) by order id, so pages never overlap. */
    @Transactional(readOnly = true)
    Page<ReviewResponse> reviews(String sellerId, int page, int size) {
        long total = rating(sellerId).count();
        List<Row> rows = jdbc.query("""
                SELECT id, review_rating, review_comment, buyer_name, reviewed_at FROM orders
                WHERE seller_id = ? AND reviewed_at IS NOT NULL
                ORDER BY reviewed_at DESC, id DESC LIMIT ? OFFSET ?""",
            (row, i) -> new Row(row.getString("id"), row.getInt("review_rating"), row.getString("review_comment"),
                row.getString("buyer_name"), row.getTimestamp("reviewed_at").toInstant()),
            sellerId, size, (long) page * size);
        Map<String, List<String>> names = itemNames(rows.stream().map(Row::orderId).toList());
        List<ReviewResponse> content = rows.stream()
            .map(r -> new ReviewResponse(r.orderId(), ReviewResponse.productName(names.getOrDefault(r.orderId(), List.of())),
                r.rating(), r.comment(), r.buyerName(), r.createdAt()))
            .toList();
        return new PageImpl<>(content, PageRequest.of(page, size), total);
    }

    private Map<String, List<String>> itemNames(List<String> orderIds) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return names;
        }
        jdbc.query("SELECT order_id, name FROM order_item WHERE order_id = ANY (?::uuid[]) ORDER BY order_id, position",
            row -> {
                names.computeIfAbsent(row.getString("order_id"), k -> new ArrayList<>()).add(row.getString("name"));
            }, (Object) orderIds.toArray(String[]::new));
        return names;
    }

    private record Row(String orderId, int rating, String comment, String buyerName, java.time.Instant createdAt) {
    }
}
