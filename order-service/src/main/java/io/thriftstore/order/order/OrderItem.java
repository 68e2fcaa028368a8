package io.thriftstore.order.order;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order, copied from the catalog when the order was placed. */
@Embeddable
record OrderItem(
        @Column(name = "product_id") String productId,
        @Column(name = "name") String name,
        @Column(name = "unit_price") BigDecimal unitPrice,
        @Column(name = "quantity") int quantity) {
}
