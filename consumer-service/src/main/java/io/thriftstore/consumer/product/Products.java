package io.thriftstore.consumer.product;

import io.thriftstore.platform.events.ProductEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Products as last seen on product-events: their names and sellers. */
@Repository
class Products {

    private final JdbcTemplate jdbc;

    Products(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(ProductEvent product) {
        jdbc.update("""
                INSERT INTO product (product_id, seller_id, seller_name, name, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (product_id) DO UPDATE SET seller_name = excluded.seller_name, name = excluded.name,
                                                       version = excluded.version
                WHERE product.version < excluded.version""",
                product.id(), product.sellerId(), product.sellerName(), product.name(), product.version());
    }
}
