package io.thriftstore.product.catalog;

import org.springframework.data.domain.Sort;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The orders a product list can come in; {@code newest} by default. Every order ends with
 * {@code createdAt} and {@code _id} so that pages never overlap or skip items with equal prices.
 */
enum ProductSort {

    NEWEST(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))),
    PRICE_ASC(Sort.by(Sort.Order.asc("price"), Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))),
    PRICE_DESC(Sort.by(Sort.Order.desc("price"), Sort.Order.desc("createdAt"), Sort.Order.desc("_id")));

    private final Sort sort;

    ProductSort(Sort sort) {
        this.sort = sort;
    }

    Sort sort() {
        return sort;
    }

    /** The client's spelling ({@code price_asc}), also used in validation messages. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ProductSort> fromValue(String value) {
        return Arrays.stream(values()).filter(sort -> sort.toString().equals(value)).findFirst();
    }
}
