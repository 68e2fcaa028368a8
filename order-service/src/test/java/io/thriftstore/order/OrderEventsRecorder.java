package io.thriftstore.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.OrderEvent;

/** Everything the service published on order-events, read back from the broker as any consumer would, duplicates included. */
@TestComponent
class OrderEventsRecorder {

    private final List<EventEnvelope<EventData>> events = new CopyOnWriteArrayList<>();
    private final Map<UUID, String> traceparents = new ConcurrentHashMap<>();

    @KafkaListener(topics = "#{@topics.name('order-events')}", groupId = "#{@topics.name('order-events-recorder')}")
    void record(ConsumerRecord<String, EventEnvelope<EventData>> record) {
        EventEnvelope<EventData> envelope = record.value();
        Header traceparent = record.headers().lastHeader("traceparent");
        if (traceparent != null) {
            traceparents.put(envelope.id(), new String(traceparent.value(), StandardCharsets.US_ASCII));
        }
        events.add(envelope);
    }

    /** The traceparent header the record of this event came with, or null. */
    String traceparentOf(UUID eventId) {
        return traceparents.get(eventId);
    }

    /** The envelopes of one order, in the order they arrived (redeliveries included). */
    List<EventEnvelope<EventData>> of(String orderId) {
        return events.stream().filter(e -> e.data() instanceof OrderEvent o && o.id().equals(orderId)).toList();
    }

    /** The distinct event types of one order, in order of first arrival. */
    List<String> typesOf(String orderId) {
        java.util.Set<java.util.UUID> seen = new java.util.HashSet<>();
        return of(orderId).stream().filter(e -> seen.add(e.id())).map(EventEnvelope::type).toList();
    }

    /** Waits until the order's latest event has the given type, and returns its payload. */
    OrderEvent await(String orderId, String type) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .until(() -> of(orderId).stream().anyMatch(e -> e.type().equals(type)));
        return (OrderEvent) of(orderId).stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow().data();
    }

    List<EventEnvelope<EventData>> all() {
        return List.copyOf(events);
    }
}
