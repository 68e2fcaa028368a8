package io.thriftstore.product.outbox;

/**
 * A collection whose documents carry {@link PendingEvents}; each feature that stores events declares
 * one as a bean and the relay publishes from all of them.
 */
public record RelayedCollection(String name) {
}
