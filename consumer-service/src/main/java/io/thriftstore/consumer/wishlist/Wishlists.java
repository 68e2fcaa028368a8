package io.thriftstore.consumer.wishlist;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who has which product on their wishlist (the recipients of PRICE_DROP and BACK_IN_STOCK),
 * and how often each product was wished for. Read by the product listener, so public.
 */
@Repository
public class Wishlists {

    private final JdbcTemplate jdbc;

    Wishlists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the product was not on the user's wishlist before */
    boolean add(String userId, String productId, String sellerId, String productName, Instant at) {
        boolean added = jdbc.update("""
                INSERT INTO wishlist_item (user_id, product_id, added_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", userId, productId, Timestamp.from(at)) == 1;
        if (added) {
            jdbc.update("""
                    INSERT INTO product_stats (product_id, seller_id, name, wishlist_adds) VALUES (?, ?, ?, 1)
                    ON CONFLICT (product_id) DO UPDATE SET wishlist_adds = product_stats.wishlist_adds + 1""",
                    productId, sellerId, productName);
        }
        return added;
    }

    void remove(String userId, String productId) {
        jdbc.update("DELETE FROM wishlist_item WHERE user_id = ? AND product_id = ?", userId, productId);
    }

    /** Everyone who has the product on their wishlist, except {@code exceptUserId} (its seller). */
    public List<String> wishersOf(String productId, String exceptUserId) {
        return jdbc.queryForList("SELECT user_id FROM wishlist_item WHERE product_id = ? AND user_id <> ? ORDER BY user_id",
                String.class, productId, exceptUserId);
    }
}
