package io.thriftstore.platform.outbox;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.thriftstore.platform.outbox.OutboxStore.Backlog;

/**
 * The outbox's meters, the same for every store: {@code outbox.pending} and {@code outbox.oldest.age}
 * (seconds) read the store, so every instance reports the backlog whichever relay holds the lock, and they keep
 * working while Kafka is down; {@code outbox.published} and {@code outbox.publish.failures}
 * count this instance's sends.
 */
class OutboxMetrics {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    /** Several registries (or scrapes) within this time share one query. */
    private static final long BACKLOG_CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final OutboxStore store;
    private final Counter published;
    private final Counter failures;

    private Backlog backlog;
    private long backlogReadAt;

    OutboxMetrics(OutboxStore store, MeterRegistry registry) {
        this.store = store;
        Gauge.builder("outbox.pending", this, metrics -> metrics.read(Backlog::pending))
                .description("Events written to the outbox and not yet acknowledged by Kafka")
                .strongReference(true)
                .register(registry);
        Gauge.builder("outbox.oldest.age", this, metrics -> metrics.read(Backlog::oldestAgeSeconds))
                .description("Age of the oldest event not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        this.published = Counter.builder("outbox.published")
                .description("Events this instance published and Kafka acknowledged")
                .register(registry);
        this.failures = Counter.builder("outbox.publish.failures")
                .description("Sends of this instance that Kafka did not acknowledge (each is retried)")
                .register(registry);
    }

    void published(int count) {
        published.increment(count);
    }

    void failed(int count) {
        failures.increment(count);
    }

    /**
     * A figure of the backlog, read at most once a second: the last known value while the
     * database is unreachable, NaN before it was ever read.
     */
    synchronized double read(ToDoubleFunction<Backlog> figure) {
        long now = System.nanoTime();
        if (backlog == null || now - backlogReadAt > BACKLOG_CACHE_NANOS) {
            try {
                backlog = store.backlog();
            } catch (RuntimeException e) {
                log.debug("Cannot read the outbox backlog", e);
            }
            backlogReadAt = now;
        }
        return backlog == null ? Double.NaN : figure.applyAsDouble(backlog);
    }
}
