package io.thriftstore.product.catalog;

/** How worn an item is (DESIGN section 5). */
public enum Condition {
    NEW, LIKE_NEW, GOOD, FAIR
}
