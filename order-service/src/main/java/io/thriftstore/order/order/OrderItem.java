package io.thriftstore.order.order;

import java.math.BigDecimal;

/** One line of an order, copied from the catalog when the order was placed. */
record OrderItem(String productId, String name, BigDecimal unitPrice, int quantity) {
}
