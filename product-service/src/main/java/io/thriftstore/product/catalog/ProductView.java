package io.thriftstore.product.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a product list shows each item: {@code full} products (the default) or {@code card}s ({@link ProductCard}). */
enum ProductView {

    FULL, CARD;

    /** The client's spelling ({@code card}), also used in validation messages. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ProductView> fromValue(String value) {
        return Arrays.stream(values()).filter(view -> view.toString().equals(value)).findFirst();
    }
}
