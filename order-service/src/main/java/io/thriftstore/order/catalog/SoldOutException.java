package io.thriftstore.order.catalog;

import java.util.List;

/** 409 {@code sold-out}: an item of the order lacks stock; nothing was held. {@code items} name each short one. */
public class SoldOutException extends RuntimeException {

    /** {@code requested} is what the order asked for, {@code available} what product-service had. */
    public record Item(String productId, String name, Integer requested, Integer available) {
    }

    private final List<Item> items;

    SoldOutException(String detail, List<Item> items) {
        super(detail);
        this.items = items == null ? List.of() : List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }
}
