package io.thriftstore.platform.productclient;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of product-service's Product that its callers show, snapshot or check. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogProduct(
        String id,
        String sellerId,
        String name,
        BigDecimal price,
        String currency,
        String status,
        int quantity) {

    /** Can be bought right now: listed and in stock (SOLD_OUT and ARCHIVED cannot). */
    public boolean available() {
        return "ACTIVE".equals(status) && quantity > 0;
    }
}
