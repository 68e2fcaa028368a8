package io.thriftstore.platform.outbox;

/**
 * MongoDB: a collection whose documents carry pending events ({@link MongoOutbox}). Each feature that
 * stores events declares one as a bean; the relay publishes from all of them.
 */
public record OutboxCollection(String name) {
}
