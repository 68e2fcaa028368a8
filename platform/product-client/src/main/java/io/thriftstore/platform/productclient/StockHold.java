package io.thriftstore.platform.productclient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * product-service's answer to a hold: the stock of the whole order is held for it, and these are the names,
 * prices, seller and currency the catalog had. {@code expiresAt}: the hold is given back then unless the order
 * has reached order-events (null once it has).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockHold(String orderId, String sellerId, String sellerName, String currency, List<Item> items,
                        Instant expiresAt) {

    public StockHold {
        items = items == null ? List.of() : List.copyOf(items);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String productId, String name, BigDecimal price, int quantity) {
    }
}
