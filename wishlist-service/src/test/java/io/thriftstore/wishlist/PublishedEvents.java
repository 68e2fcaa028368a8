package io.thriftstore.wishlist;

import io.thriftstore.testing.CaughtUp;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.testing.TestInfrastructure;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything the service published on wishlist-events, read back from the broker as any consumer would. */
@TestComponent
public class PublishedEvents {

    static final String GROUP = "wishlist-events-test-reader";

    /** Every record read, redeliveries included: a test can then see an event that was published twice. */
    private final List<EventEnvelope<EventData>> records = new CopyOnWriteArrayList<>();
    private final JdbcClient jdbc;
    private final TestInfrastructure infrastructure;
    private final Topics topics;

    PublishedEvents(JdbcClient jdbc, TestInfrastructure infrastructure, Topics topics) {
        this.jdbc = jdbc;
        this.infrastructure = infrastructure;
        this.topics = topics;
    }

    @KafkaListener(topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).WISHLIST_EVENTS)}",
        groupId = "#{@topics.name('" + GROUP + "')}")
    void record(EventEnvelope<EventData> envelope) {
        records.add(envelope);
    }

    /** The envelopes of that type about this user, in the order they were read (redeliveries included). */
    public List<EventEnvelope<EventData>> of(EventType type, String userId) {
        return records.stream()
            .filter(event -> event.type().equals(type.type()))
            .filter(event -> event.data() instanceof WishlistEvent data && data.userId().equals(userId))
            .toList();
    }

    /** Every wishlist event about this user, in order. */
    public List<EventEnvelope<EventData>> about(String userId) {
        return records.stream()
            .filter(event -> event.data() instanceof WishlistEvent data && data.userId().equals(userId))
            .toList();
    }

    public List<EventEnvelope<EventData>> awaitCount(int count, EventType type, String userId, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> of(type, userId).size() >= count);
        return of(type, userId);
    }

    public WishlistEvent awaitOne(EventType type, String userId) {
        return (WishlistEvent) awaitCount(1, type, userId, Duration.ofSeconds(30)).get(0).data();
    }

    /**
     * Waits until the outbox holds nothing unpublished and this recorder has read everything on the topic:
     * afterwards an event that is missing was never published, and a duplicate would have shown.
     */
    public void awaitQuiet() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
            jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single() == 0);
        CaughtUp.await(infrastructure.kafkaBootstrapServers(), topics.name(Topics.WISHLIST_EVENTS), topics.name(GROUP));
    }
}
