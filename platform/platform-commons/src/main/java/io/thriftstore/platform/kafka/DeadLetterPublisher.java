package io.thriftstore.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.Topics;

/**
 * Sends a record that no retry could process to {@code <topic>.DLT}, on the partition it came
 * from, and counts it in {@code kafka.dlt.records}.
 *
 * <p>Dead letters are written as bytes: an undeserialisable record has no envelope, only the bytes
 * it arrived with, and a record that failed in a listener is written back as the envelope JSON.
 * One byte-array producer therefore serves both, and the replay command can copy any dead letter
 * back unchanged. That producer is a copy of Boot's producer factory (same address, acks, idempotence,
 * listeners) with byte-array serialisers; it is not a bean (a second {@code ProducerFactory} bean
 * would make Boot's own back off), so this class closes it.
 */
final class DeadLetterPublisher extends DeadLetterPublishingRecoverer implements DisposableBean {

    static final String METRIC = "kafka.dlt.records";

    private final KafkaTemplate<byte[], byte[]> template;
    private final MeterRegistry meterRegistry;

    private DeadLetterPublisher(KafkaTemplate<byte[], byte[]> template, MeterRegistry meterRegistry) {
        // Same partition number: a DLT has as many partitions as its source, and per-key order survives.
        super(template, (record, exception) ->
                new TopicPartition(Topics.deadLetterTopicOf(record.topic()), record.partition()));
        this.template = template;
        this.meterRegistry = meterRegistry;
    }

    @SuppressWarnings("unchecked")
    static DeadLetterPublisher create(ProducerFactory<?, ?> producerFactory, MeterRegistry meterRegistry,
            ObservationRegistry observationRegistry, boolean observationEnabled) {
        KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>((ProducerFactory<byte[], byte[]>) producerFactory,
                Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        template.setObservationEnabled(observationEnabled);
        template.setObservationRegistry(observationRegistry);
        return new DeadLetterPublisher(template, meterRegistry);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        // Counted only once the dead letter is stored: accept throws when publishing failed.
        Counter.builder(METRIC)
                .description("Records sent to a dead-letter topic after failing in a listener")
                .tag("topic", record.topic())
                .tag("exception", cause(exception).getClass().getSimpleName())
                .register(meterRegistry)
                .increment();
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
            TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        // key/value are the original bytes when deserialisation failed; otherwise re-encode what the listener got.
        return super.createProducerRecord(record, topicPartition, headers,
                key != null ? key : bytes(record.key()),
                value != null ? value : bytes(record.value()));
    }

    private static byte[] bytes(Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof EventEnvelope<?> envelope) {
            return EventCodec.encode(envelope);
        }
        // String keys, and whatever a service's own listener factory may carry: text is the best we have.
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The listener's own exception rather than Spring Kafka's wrappers around it. */
    private static Throwable cause(Exception exception) {
        Throwable cause = exception;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof TimestampedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void destroy() {
        template.destroy();
    }
}
