package io.thriftstore.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a service keeps its outgoing events until {@link OutboxRelay} has them on Kafka: the one thing
 * that differs between a PostgreSQL service ({@link OutboxTable}, an {@code outbox} table written in the
 * business transaction) and a MongoDB one ({@link MongoOutboxStore}, events pushed into the changed
 * document itself). The relay does the rest the same way for both: waves of one event per key, backoff
 * while Kafka refuses records, the meters.
 *
 * <p>What a store must guarantee:
 * <ul>
 *   <li>{@link #asOnlyRelay}: at most one instance runs a round at a time, and a dead instance cannot keep
 *       the others out for long (an advisory transaction lock; a lease document with an expiry);</li>
 *   <li>{@link #pending}: the events of one key in the order they were written;</li>
 *   <li>{@link #markSent}: a sent event is not returned again (a crash just before it may resend it:
 *       consumers drop duplicates by event id).</li>
 * </ul>
 */
public interface OutboxStore {

    /**
     * An event as the relay sends it: {@code payload} is the encoded envelope exactly as stored, {@code topic}
     * the real topic name, {@code key} the Kafka key (the aggregate), {@code traceparent} the writer's trace or
     * null. {@code ref} is the store's own handle of it, handed back in {@link #markSent} and {@link #recordFailure}.
     */
    record StoredEvent(Object ref, String topic, String key, byte[] payload, String traceparent) {
    }

    /** Pending events in per-key order; {@code full}: more may be waiting beyond the limit. */
    record Batch(List<StoredEvent> events, boolean full) {

        static final Batch EMPTY = new Batch(List.of(), false);
    }

    /** Events not yet acknowledged by Kafka and the age of the oldest, in seconds (0 when none is pending). */
    record Backlog(long pending, double oldestAgeSeconds) {
    }

    /**
     * Runs {@code round} if this instance may relay now, holding that right throughout.
     *
     * @return the round's result, or empty when another instance is relaying
     */
    <T> Optional<T> asOnlyRelay(Supplier<T> round);

    /**
     * Within a round, before each further wave of sends: whether this instance still is the relay (a
     * lease may have to be renewed). A store whose right lasts as long as the round answers true.
     */
    default boolean stillTheRelay() {
        return true;
    }

    /**
     * Up to about {@code limit} pending events (rows, or documents for a document store), each key's in the
     * order written. {@code justWritten}: the round was asked for by a write on this instance, and a store
     * that knows which records were written ({@link MongoOutboxStore}) may read just those; the scheduled
     * rounds ({@code false}) look at everything.
     */
    Batch pending(int limit, boolean justWritten);

    /** These events are on Kafka: they leave the pending set. */
    void markSent(List<StoredEvent> sent);

    /** Kafka did not take this event; it stays pending (a store may note the attempt for operators). */
    void recordFailure(StoredEvent event, String error);

    /** For {@code outbox.pending} and {@code outbox.oldest.age}. */
    Backlog backlog();

    /** Deletes what is kept past its retention (published rows, consumed-event records); the count deleted. */
    default long deleteExpired(Duration publishedRetention, Duration consumedRetention) {
        return 0;
    }

    /** The relay stops on this instance: give the right to relay up at once, if it outlives a round. */
    default void releaseRelay() {
    }
}
