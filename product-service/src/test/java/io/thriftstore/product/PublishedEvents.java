package io.thriftstore.product;

import io.thriftstore.testing.CaughtUp;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Everything the service published on product-events, read back from the broker as any consumer would. */
@TestComponent
public class PublishedEvents {

    static final String GROUP = "product-events-test-reader";

    private final List<EventEnvelope<EventData>> events = new CopyOnWriteArrayList<>();
    private final Map<UUID, String> traceparents = new ConcurrentHashMap<>();
    private final MongoTemplate mongo;
    private final TestInfrastructure infrastructure;
    private final Topics topics;

    PublishedEvents(MongoTemplate mongo, TestInfrastructure infrastructure, Topics topics) {
        this.mongo = mongo;
        this.infrastructure = infrastructure;
        this.topics = topics;
    }

    @KafkaListener(topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).PRODUCT_EVENTS)}",
        groupId = "#{@topics.name('" + GROUP + "')}")
    void record(ConsumerRecord<String, EventEnvelope<EventData>> record) {
        Header traceparent = record.headers().lastHeader("traceparent");
        if (traceparent != null) {
            traceparents.put(record.value().id(), new String(traceparent.value(), StandardCharsets.US_ASCII));
        }
        events.add(record.value());
    }

    /** The traceparent header the record of this event came with, or null. */
    public String traceparentOf(UUID eventId) {
        return traceparents.get(eventId);
    }

    /**
     * The payloads of that type (any type with {@code null}) whose data matches, in the order they were read.
     * Like every consumer, the recorder drops a redelivered envelope (same id): the relay may send one again
     * after an outage.
     */
    public <T extends EventData> List<T> of(EventType type, Class<T> data, Predicate<T> matching) {
        return envelopes(type, data, matching).stream().map(envelope -> data.cast(envelope.data())).toList();
    }

    /** The envelopes (with their ids) of that type whose data matches. */
    public <T extends EventData> List<EventEnvelope<EventData>> envelopes(EventType type, Class<T> data, Predicate<T> matching) {
        java.util.Set<java.util.UUID> seen = new java.util.HashSet<>();
        return events.stream()
            .filter(event -> seen.add(event.id()))
            .filter(event -> type == null || event.type().equals(type.type()))
            .filter(event -> data.isInstance(event.data()) && matching.test(data.cast(event.data())))
            .toList();
    }

    /** Waits until {@code count} such events have been published, then returns them. */
    public <T extends EventData> List<T> awaitCount(int count, EventType type, Class<T> data, Predicate<T> matching,
                                                    Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).until(() -> of(type, data, matching).size() >= count);
        return of(type, data, matching);
    }

    public <T extends EventData> T awaitOne(EventType type, Class<T> data, Predicate<T> matching) {
        return awaitCount(1, type, data, matching, Duration.ofSeconds(20)).get(0);
    }

    /**
     * Waits until nothing is left to relay and this recorder has read everything relayed: afterwards a
     * missing event was never published, and a duplicate would have shown.
     */
    public void awaitQuiet() {
        Query pending = Query.query(Criteria.where("pendingSince").exists(true));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            !mongo.exists(pending, "products") && !mongo.exists(pending, "reservations"));
        CaughtUp.await(infrastructure.kafkaBootstrapServers(), topics.name(Topics.PRODUCT_EVENTS), topics.name(GROUP));
    }
}
