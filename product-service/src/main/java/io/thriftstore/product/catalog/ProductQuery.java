package io.thriftstore.product.catalog;

import java.math.BigDecimal;
import java.util.Set;

/** What a product list asks for: filters (null = any), the statuses to include, order and page. */
record ProductQuery(String text, Category category, String sellerId, BigDecimal minPrice, BigDecimal maxPrice,
                    Set<ProductStatus> statuses, ProductSort sort, int page, int size) {
}
