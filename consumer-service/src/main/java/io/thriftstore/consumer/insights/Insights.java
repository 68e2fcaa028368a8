package io.thriftstore.consumer.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.thriftstore.consumer.config.ConsumerProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Seller insights, computed from the read models the listeners keep. */
@Service
class Insights {

    /** Every order status, so that a seller sees zeros rather than missing keys. */
    private static final List<String> STATUSES = List.of("PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED", "DELIVERED");

    private final JdbcTemplate jdbc;
    private final int topProducts;

    Insights(JdbcTemplate jdbc, ConsumerProperties properties) {
        this.jdbc = jdbc;
        this.topProducts = properties.topProducts();
    }

    @Transactional(readOnly = true)
    SellerInsights ofSeller(String sellerId) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(status, 0L));
        jdbc.query("SELECT status, count(*) FROM seller_order WHERE seller_id = ? GROUP BY status",
                row -> { byStatus.put(row.getString(1), row.getLong(2)); }, sellerId);
        BigDecimal revenue = jdbc.queryForObject(
                "SELECT coalesce(sum(total), 0) FROM seller_order WHERE seller_id = ? AND status = 'DELIVERED'",
                BigDecimal.class, sellerId);
        Long itemsSold = jdbc.queryForObject("""
                SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN seller_order o ON o.order_id = l.order_id
                WHERE o.seller_id = ? AND o.status = 'DELIVERED'""", Long.class, sellerId);
        Long wishlistAdds = jdbc.queryForObject(
                "SELECT coalesce(sum(wishlist_adds), 0) FROM product_stats WHERE seller_id = ?", Long.class, sellerId);
        List<SellerInsights.TopProduct> top = jdbc.query("""
                WITH sold AS (
                    SELECT l.product_id, max(l.name) AS name,
                           coalesce(sum(l.quantity) FILTER (WHERE o.status = 'DELIVERED'), 0) AS items_sold
                    FROM order_line l JOIN seller_order o ON o.order_id = l.order_id
                    WHERE o.seller_id = ? GROUP BY l.product_id),
                wished AS (SELECT product_id, name, wishlist_adds FROM product_stats WHERE seller_id = ?)
                SELECT coalesce(s.product_id, w.product_id) AS product_id,
                       coalesce(p.name, s.name, w.name) AS name,
                       coalesce(s.items_sold, 0) AS items_sold,
                       coalesce(w.wishlist_adds, 0) AS wishlist_adds
                FROM sold s FULL JOIN wished w ON w.product_id = s.product_id
                LEFT JOIN product p ON p.product_id = coalesce(s.product_id, w.product_id)
                WHERE coalesce(s.items_sold, 0) > 0 OR coalesce(w.wishlist_adds, 0) > 0
                ORDER BY items_sold DESC, wishlist_adds DESC, name, product_id
                LIMIT ?""",
                (row, i) -> new SellerInsights.TopProduct(row.getString("product_id"), row.getString("name"),
                        row.getLong("items_sold"), row.getLong("wishlist_adds")),
                sellerId, sellerId, topProducts);
        SellerInsights.Rating rating = jdbc.queryForObject(
                "SELECT count(*), avg(rating) FROM seller_review WHERE seller_id = ?",
                (row, i) -> {
                    BigDecimal average = row.getBigDecimal(2);
                    return new SellerInsights.Rating(average == null ? null : average.setScale(1, RoundingMode.HALF_UP), row.getLong(1));
                }, sellerId);
        return new SellerInsights(byStatus, itemsSold, revenue.setScale(2), wishlistAdds, top, rating);
    }

    /** The product's figures, for its seller only (empty for anyone else and for unknown products). */
    @Transactional(readOnly = true)
    Optional<ProductInsights> ofProduct(String productId, String callerId) {
        List<String> sellers = jdbc.queryForList("""
                SELECT seller_id FROM product WHERE product_id = ?
                UNION SELECT seller_id FROM product_stats WHERE product_id = ?
                UNION SELECT o.seller_id FROM seller_order o JOIN order_line l ON l.order_id = o.order_id
                      WHERE l.product_id = ?""", String.class, productId, productId, productId);
        if (!sellers.contains(callerId)) {
            return Optional.empty();
        }
        Long wishlistCount = jdbc.queryForObject("SELECT count(*) FROM wishlist_item WHERE product_id = ?", Long.class, productId);
        Long orderCount = jdbc.queryForObject("""
                SELECT count(*) FROM order_line l JOIN seller_order o ON o.order_id = l.order_id
                WHERE l.product_id = ? AND o.seller_id = ?""", Long.class, productId, callerId);
        Long itemsSold = jdbc.queryForObject("""
                SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN seller_order o ON o.order_id = l.order_id
                WHERE l.product_id = ? AND o.seller_id = ? AND o.status = 'DELIVERED'""", Long.class, productId, callerId);
        return Optional.of(new ProductInsights(productId, wishlistCount, orderCount, itemsSold));
    }
}
