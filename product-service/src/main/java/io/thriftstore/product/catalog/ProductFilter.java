package io.thriftstore.product.catalog;

import java.math.BigDecimal;
import java.util.Set;

/** What a list counts: a {@link ProductQuery} without its order and page, so every page of a list shares one count. */
record ProductFilter(String text, Category category, String sellerId, BigDecimal minPrice, BigDecimal maxPrice,
                     Set<ProductStatus> statuses) {
}
