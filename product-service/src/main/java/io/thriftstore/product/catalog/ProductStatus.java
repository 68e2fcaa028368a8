package io.thriftstore.product.catalog;

/**
 * ACTIVE and SOLD_OUT follow the stock (SOLD_OUT at quantity 0, ACTIVE again when stock returns);
 * ARCHIVED is the owner's choice and survives stock changes until the owner relists the item.
 */
public enum ProductStatus {

    ACTIVE, SOLD_OUT, ARCHIVED;

    /** The status an item that is not archived has at this quantity. */
    static ProductStatus forStock(int quantity) {
        return quantity > 0 ? ACTIVE : SOLD_OUT;
    }

    /** This status after the quantity became {@code quantity}: archived items stay archived. */
    ProductStatus withStock(int quantity) {
        return this == ARCHIVED ? ARCHIVED : forStock(quantity);
    }
}
