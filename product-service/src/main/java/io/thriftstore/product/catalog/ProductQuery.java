package io.thriftstore.product.catalog;

import java.math.BigDecimal;
import java.util.Set;

/** What a product list asks for: filters (null = any), the statuses to include, order and page. */
record ProductQuery(String text, Category category, String sellerId, BigDecimal minPrice, BigDecimal maxPrice,
                    Set<ProductStatus> statuses, ProductSort sort, int page, int size) {

    ProductFilter filter() {
        return new ProductFilter(text, category, sellerId, minPrice, maxPrice, statuses);
    }

    /**
     * Whether anyone may get this list, whoever asks: then it depends on nothing but its parameters and may be
     * shared through {@link CatalogCache}. A list with archived items is its seller's alone.
     */
    boolean isPublic() {
        return Catalog.PUBLIC_STATUSES.containsAll(statuses);
    }
}
