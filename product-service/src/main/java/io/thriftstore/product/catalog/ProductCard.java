package io.thriftstore.product.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product as a list card shows it ({@code GET /api/products?view=card}): what the dashboard's catalog renders,
 * without the description, stock, timestamps or the other images. Read from the store with only these fields
 * ({@link #FIELDS}), so a page of cards moves a fraction of the bytes a page of products does, from the store and
 * to the browser (docs/DECISIONS.md, "Catalog cards").
 *
 * @param imageUrl the first image, or null when the product has none
 */
public record ProductCard(
        String id,
        String sellerName,
        String name,
        BigDecimal price,
        String currency,
        Category category,
        Condition condition,
        ProductStatus status,
        String imageUrl) {

    /** The stored fields a card is made of ({@code _id} comes with every read). */
    static final List<String> FIELDS =
        List.of("sellerName", "name", "price", "currency", "category", "condition", "status", "imageUrls");

    static ProductCard of(Product product) {
        return new ProductCard(product.id().toHexString(), product.sellerName(), product.name(), product.price(),
            product.currency(), product.category(), product.condition(), product.status(),
            product.imageUrls().isEmpty() ? null : product.imageUrls().get(0));
    }
}
