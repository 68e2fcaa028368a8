package io.thriftstore.platform.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * product.* events: the full product after the change; on updates also the price and
 * quantity before it, so that consumers can tell a price drop or a restock.
 */
public record ProductEvent(
        String id,
        String sellerId,
        String sellerName,
        String name,
        String description,
        BigDecimal price,
        String currency,
        String category,
        String condition,
        int quantity,
        String status,
        List<String> imageUrls,
        Instant createdAt,
        Instant updatedAt,
        long version,
        BigDecimal previousPrice,
        Integer previousQuantity) implements EventData {

    public ProductEvent {
        imageUrls = imageUrls == null ? List.of() : List.copyOf(imageUrls);
    }

    @Override
    public String eventKey() {
        return id;
    }
}
