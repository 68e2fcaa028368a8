package io.thriftstore.product.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A product as clients see it (DESIGN section 5). {@code imageUrls} holds absolute http(s) URLs given
 * by the seller and, for uploaded images, paths relative to this service: {@code /api/images/{imageId}}.
 */
public record ProductResponse(
        String id,
        String sellerId,
        String sellerName,
        String name,
        String description,
        BigDecimal price,
        String currency,
        Category category,
        Condition condition,
        int quantity,
        ProductStatus status,
        List<String> imageUrls,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
