package io.thriftstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.SendResult;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.events.SampleEvents;
import io.thriftstore.platform.events.Topics;

class EventRoundTripIT extends KafkaIntegrationTest {

    @Autowired
    EventPublisher publisher;

    @Test
    void everyEventTypeReachesAListenerOnItsTopicKeyedByItsAggregateWithTheEnvelopeIntact() throws Exception {
        Map<EventType, SendResult<String, EventEnvelope<?>>> sent = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            EventData data = SampleEvents.dataFor(type, uniqueKey(type.name().toLowerCase()));
            sent.put(type, publisher.publish(type, data).get(10, TimeUnit.SECONDS));
        }

        await().atMost(WAIT).until(() -> sent.values().stream()
                .allMatch(result -> listener.processed.containsKey(result.getProducerRecord().value().id())));

        sent.forEach((type, result) -> {
            EventEnvelope<?> envelope = result.getProducerRecord().value();
            ConsumerRecord<String, EventEnvelope<EventData>> record = listener.processed.get(envelope.id());
            EventEnvelope<EventData> received = record.value();

            assertThat(record.topic()).as(type.type()).isEqualTo(PREFIX + type.topic());
            assertThat(record.key()).as(type.type()).isEqualTo(envelope.data().eventKey());
            assertThat(record.partition()).as(type.type()).isEqualTo(result.getRecordMetadata().partition());
            assertThat(received.id()).isEqualTo(envelope.id());
            assertThat(received.type()).isEqualTo(type.type());
            assertThat(received.source()).isEqualTo("kafka-platform-test");
            assertThat(received.subject()).isEqualTo(record.key());
            assertThat(received.time()).isEqualTo(envelope.time());
            assertThat(received.datacontenttype()).isEqualTo("application/json");
            assertThat(received.specversion()).isEqualTo("1.0");
            assertThat(received.data()).isInstanceOf(type.dataType()).isEqualTo(envelope.data());
            assertThat(received).isEqualTo(envelope);
        });
    }

    @Test
    void anEnvelopeBuiltElsewhereIsSentAsItIs() throws Exception {
        // What an outbox relay does: the envelope was created (id, time, source) when the change was stored.
        EventEnvelope<EventData> stored = new EventEnvelope<>("1.0", UUID.randomUUID(), "order-service",
                EventType.ORDER_SHIPPED.type(), null, Instant.parse("2025-01-01T00:00:00Z"), "application/json",
                SampleEvents.dataFor(EventType.ORDER_SHIPPED, uniqueKey("order")));

        publisher.publish(stored).get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> listener.processed.containsKey(stored.id()));
        ConsumerRecord<String, EventEnvelope<EventData>> record = listener.processed.get(stored.id());
        assertThat(record.value()).isEqualTo(stored);
        assertThat(record.key()).isEqualTo(((OrderEvent) stored.data()).id());
        assertThat(record.topic()).isEqualTo(topic(Topics.ORDER_EVENTS));
    }

    @Test
    void theRecordOnTheWireIsAStructuredCloudEvent() throws Exception {
        String orderId = uniqueKey("order");
        EventEnvelope<?> sent = publisher.publish(EventType.ORDER_CREATED, SampleEvents.dataFor(EventType.ORDER_CREATED, orderId))
                .get(10, TimeUnit.SECONDS).getProducerRecord().value();

        ConsumerRecord<String, byte[]> raw = awaitRecord(topic(Topics.ORDER_EVENTS), r -> orderId.equals(r.key()));

        JsonNode json = JsonMapper.builder().build().readTree(raw.value());
        List<String> fields = new ArrayList<>(json.propertyNames());
        assertThat(fields).containsExactlyInAnyOrder(
                "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        assertThat(json.get("id").asString()).isEqualTo(sent.id().toString());
        assertThat(json.get("type").asString()).isEqualTo("order.created.v1");
        assertThat(json.get("source").asString()).isEqualTo("kafka-platform-test");
        assertThat(json.get("subject").asString()).isEqualTo(orderId);
        assertThat(json.get("data").get("id").asString()).isEqualTo(orderId);
        assertThat(new String(raw.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
    }

    @Test
    void anEnvelopeOfATypeThisBuildDoesNotKnowIsRefused() {
        EventEnvelope<EventData> unknown = new EventEnvelope<>("1.0", UUID.randomUUID(), "order-service",
                "order.teleported.v1", null, Instant.now(), "application/json",
                SampleEvents.dataFor(EventType.ORDER_CREATED, uniqueKey("order")));

        assertThatThrownBy(() -> publisher.publish(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order.teleported.v1");
    }
}
