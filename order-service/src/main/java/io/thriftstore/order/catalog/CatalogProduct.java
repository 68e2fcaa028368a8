package io.thriftstore.order.catalog;

import java.math.BigDecimal;

/** The part of product-service's Product JSON that orders need (unknown fields are ignored). */
public record CatalogProduct(
        String id,
        String sellerId,
        String sellerName,
        String name,
        BigDecimal price,
        String currency,
        int quantity,
        String status) {

    public boolean archived() {
        return "ARCHIVED".equals(status);
    }

    public boolean soldOut() {
        return "SOLD_OUT".equals(status) || quantity <= 0;
    }
}
