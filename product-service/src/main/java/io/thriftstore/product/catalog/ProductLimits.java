package io.thriftstore.product.catalog;

/** Limits of DESIGN section 5 that several places check. */
final class ProductLimits {

    static final int MAX_IMAGES = 8;

    private ProductLimits() {
    }
}
