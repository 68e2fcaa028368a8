package io.thriftstore.platform.events;

import java.util.List;

/**
 * inventory.reserved / inventory.rejected / inventory.released, keyed by order id.
 * {@code remaining} is the product's stock after the change (null when nothing changed);
 * {@code reason} says why a reservation was rejected (null otherwise).
 */
public record InventoryEvent(String orderId, List<Item> items, String reason) implements EventData {

    public InventoryEvent {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public record Item(String productId, int quantity, Integer remaining) {
    }

    @Override
    public String eventKey() {
        return orderId;
    }
}
