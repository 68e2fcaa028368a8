package io.thriftstore.consumer.product;

import java.util.Optional;

import io.thriftstore.platform.events.ProductEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Products as last seen on product-events: their names, sellers and status. */
@Repository
class Products {

    private final JdbcTemplate jdbc;

    Products(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What recording an event changed: whether it was newer than what we had, and the status before it. */
    record Recorded(boolean applied, String previousStatus) {

        static final Recorded STALE = new Recorded(false, null);
    }

    /**
     * Keeps the newest state (by the product's version). The previous status comes from the same statement
     * (the CTE reads the row as it was before the upsert), so "did it just become ACTIVE" needs no second query.
     */
    Recorded record(ProductEvent product) {
        Optional<Recorded> recorded = jdbc.query("""
                WITH previous AS (SELECT status FROM product WHERE product_id = ?)
                INSERT INTO product (product_id, seller_id, seller_name, name, version, status) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (product_id) DO UPDATE SET seller_name = excluded.seller_name, name = excluded.name,
                                                       version = excluded.version, status = excluded.status
                WHERE product.version < excluded.version
                RETURNING (SELECT status FROM previous) AS previous_status""",
                (rs, rowNum) -> new Recorded(true, rs.getString("previous_status")),
                product.id(), product.id(), product.sellerId(), product.sellerName(), product.name(), product.version(),
                product.status()).stream().findFirst();
        return recorded.orElse(Recorded.STALE);
    }
}
