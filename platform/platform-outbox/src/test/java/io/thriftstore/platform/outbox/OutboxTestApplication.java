package io.thriftstore.platform.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;

/**
 * The smallest PostgreSQL service: a {@code thing} table changed in the same transaction as
 * {@link Outbox#append}, and a consumer that records {@link ConsumedEvents} with its effect.
 */
@SpringBootApplication
class OutboxTestApplication {

    @Bean
    Things things(JdbcTemplate jdbc, Outbox outbox) {
        return new Things(jdbc, outbox);
    }

    @Bean
    WishCounter wishCounter(JdbcTemplate jdbc, ConsumedEvents consumedEvents, Tracer tracer) {
        return new WishCounter(jdbc, consumedEvents, tracer);
    }

    /** A business change and its event, committed together. */
    static class Things {

        private final JdbcTemplate jdbc;
        private final Outbox outbox;

        Things(JdbcTemplate jdbc, Outbox outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        /** Adds a thing for {@code owner} and tells the world, keyed by the owner. */
        @Transactional
        EventEnvelope<WishlistEvent> add(String owner, String name) {
            jdbc.update("INSERT INTO thing (owner, name) VALUES (?, ?)", owner, name);
            return outbox.append(EventType.WISHLIST_ITEM_ADDED, wish(owner, name));
        }

        /** The same, then a failure: neither the row nor the event may survive. */
        @Transactional
        EventEnvelope<WishlistEvent> addThenFail(String owner, String name) {
            EventEnvelope<WishlistEvent> event = add(owner, name);
            throw new SimulatedFailure(event);
        }

        long count(String owner) {
            return jdbc.queryForObject("SELECT count(*) FROM thing WHERE owner = ?", Long.class, owner);
        }
    }

    static WishlistEvent wish(String owner, String name) {
        return new WishlistEvent(owner, "product-" + name, name, "user_seller", Instant.now());
    }

    static final class SimulatedFailure extends RuntimeException {

        final transient EventEnvelope<?> event;

        SimulatedFailure(EventEnvelope<?> event) {
            super("simulated failure after appending " + event.id());
            this.event = event;
        }
    }

    /**
     * Counts wishlist adds per user, once per event: the consumed-event record and the count
     * commit together. Tests choose event ids whose effect fails (once).
     */
    static class WishCounter {

        static final String CONSUMER = "wish-counter";

        private final JdbcTemplate jdbc;
        private final ConsumedEvents consumedEvents;
        private final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();
        private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        private final Map<UUID, String> traceIds = new ConcurrentHashMap<>();
        private final Tracer tracer;

        WishCounter(JdbcTemplate jdbc, ConsumedEvents consumedEvents, Tracer tracer) {
            this.jdbc = jdbc;
            this.consumedEvents = consumedEvents;
            this.tracer = tracer;
        }

        @KafkaListener(id = "wish-counter", topics = "#{@topics.name('wishlist-events')}")
        @Transactional
        void on(EventEnvelope<EventData> event) {
            deliveries.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            Span current = tracer.currentSpan();
            if (current != null) {
                traceIds.put(event.id(), current.context().traceId());
            }
            if (!(event.data() instanceof WishlistEvent wish)) {
                return;
            }
            if (!consumedEvents.markConsumed(CONSUMER, event.id())) {
                return;
            }
            jdbc.update("""
                    INSERT INTO wish_count (user_id, adds) VALUES (?, 1)
                    ON CONFLICT (user_id) DO UPDATE SET adds = wish_count.adds + 1""", wish.userId());
            if (failOnce.remove(event.id())) {
                throw new IllegalStateException("simulated failure of the effect of " + event.id());
            }
        }

        /** The effect of this event fails the first time. */
        void failOnce(UUID eventId) {
            failOnce.add(eventId);
        }

        int deliveriesOf(UUID eventId) {
            AtomicInteger count = deliveries.get(eventId);
            return count == null ? 0 : count.get();
        }

        /** The trace the listener ran in for this event, null before it was delivered. */
        String traceIdOf(UUID eventId) {
            return traceIds.get(eventId);
        }

        int adds(String userId) {
            return jdbc.query("SELECT adds FROM wish_count WHERE user_id = ?",
                    rs -> rs.next() ? rs.getInt(1) : 0, userId);
        }
    }
}
