package io.thriftstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.SampleEvents;
import io.thriftstore.platform.events.Topics;

class DeadLetterIT extends KafkaIntegrationTest {

    @Autowired
    EventPublisher publisher;

    @Test
    void aRecordThatKeepsFailingGoesToItsDltOnTheSamePartitionAfterTheConfiguredAttempts() throws Exception {
        String exception = "IllegalStateException";
        double countBefore = deadLetterCount(topic(Topics.ORDER_EVENTS), exception);
        EventEnvelope<EventData> poison = envelope(EventType.ORDER_CONFIRMED, uniqueKey("order"));
        listener.failing.add(poison.id());

        int partition = publisher.publish(poison).get(10, TimeUnit.SECONDS).getRecordMetadata().partition();

        ConsumerRecord<String, byte[]> deadLetter =
                awaitRecord(dlt(Topics.ORDER_EVENTS), r -> poison.key().equals(r.key()));
        assertThat(listener.attemptsOf(poison.id())).isEqualTo(ATTEMPTS);
        assertThat(listener.processed).doesNotContainKey(poison.id());
        assertThat(deadLetter.partition()).isEqualTo(partition);
        assertThat(EventCodec.decode(deadLetter.value())).isEqualTo(poison);
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic(Topics.ORDER_EVENTS));
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("simulated outage");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(deadLetterCount(topic(Topics.ORDER_EVENTS), exception)).isEqualTo(countBefore + 1));
    }

    @Test
    void anInvalidRecordGoesToTheDltWithoutRetries() throws Exception {
        double countBefore = deadLetterCount(topic(Topics.ORDER_EVENTS), "ValidationException");
        EventEnvelope<EventData> invalid = envelope(EventType.ORDER_SHIPPED, uniqueKey("order"));
        listener.invalid.add(invalid.id());

        publisher.publish(invalid).get(10, TimeUnit.SECONDS);

        awaitRecord(dlt(Topics.ORDER_EVENTS), r -> invalid.key().equals(r.key()));
        assertThat(listener.attemptsOf(invalid.id())).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(deadLetterCount(topic(Topics.ORDER_EVENTS), "ValidationException")).isEqualTo(countBefore + 1));
    }

    @Test
    void garbageGoesToTheDltAtOnceAndTheNextRecordOnItsPartitionIsStillProcessed() throws Exception {
        double countBefore = deadLetterCount(topic(Topics.ORDER_EVENTS), "DeserializationException");
        String key = uniqueKey("order");
        byte[] garbage = "{\"type\":\"order.created.v1\", this is not json".getBytes(StandardCharsets.UTF_8);
        EventEnvelope<EventData> next = envelope(EventType.ORDER_CREATED, key);
        int partition = 1;

        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>(topic(Topics.ORDER_EVENTS), partition, key, garbage)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic(Topics.ORDER_EVENTS), partition, key, EventCodec.encode(next)))
                    .get(10, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> listener.processed.containsKey(next.id()));
        ConsumerRecord<String, byte[]> deadLetter = awaitRecord(dlt(Topics.ORDER_EVENTS), r -> key.equals(r.key()));
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(deadLetter.partition()).isEqualTo(partition);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).endsWith("DeserializationException");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(deadLetterCount(topic(Topics.ORDER_EVENTS), "DeserializationException"))
                        .isEqualTo(countBefore + 1));
    }

    private EventEnvelope<EventData> envelope(EventType type, String key) {
        return EventEnvelope.of(type, publisher.source(), SampleEvents.dataFor(type, key));
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
