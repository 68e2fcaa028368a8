package io.thriftstore.order.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} records of {@code POST /api/orders}: (buyer, key) -> request hash and order id.
 * An insert-or-find against the primary key (INSERT ... ON CONFLICT DO NOTHING), then a read.
 */
@Component
class IdempotencyKeys {

    record Recorded(String requestHash, UUID orderId) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Recorded> find(String buyerId, String key) {
        return jdbc.query("SELECT request_hash, order_id FROM idempotency_key WHERE buyer_id = ? AND idempotency_key = ?",
            (rs, n) -> new Recorded(rs.getString(1), rs.getObject(2, UUID.class)), buyerId, key).stream().findFirst();
    }

    /**
     * Records the key inside the caller's transaction, before the order is written. Empty when recorded now;
     * otherwise the earlier record (a concurrent first request with the same key makes this wait for its commit).
     */
    Optional<Recorded> recordOrFind(String buyerId, String key, String requestHash, UUID orderId) {
        int inserted = jdbc.update("""
            INSERT INTO idempotency_key (buyer_id, idempotency_key, request_hash, order_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (buyer_id, idempotency_key) DO NOTHING""", buyerId, key, requestHash, orderId);
        return inserted == 1 ? Optional.empty() : find(buyerId, key);
    }

    /** A hash of what makes two requests "the same body": the items, in the order given. */
    static String hash(PlaceOrderRequest request) {
        StringBuilder canonical = new StringBuilder();
        request.items().forEach(item -> canonical.append(item.productId()).append('\u0000').append(item.quantity()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
