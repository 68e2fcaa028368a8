package io.thriftstore.platform.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventEnvelope;

/**
 * Writes an envelope as CloudEvents structured-mode JSON. Public with a no-argument constructor
 * because Kafka instantiates it from {@code spring.kafka.producer.value-serializer}.
 */
public class EventEnvelopeSerializer implements Serializer<EventEnvelope<?>> {

    /** The CloudEvents Kafka binding marks structured-mode records with this content type. */
    static final String CONTENT_TYPE_HEADER = "content-type";
    static final byte[] STRUCTURED_CONTENT_TYPE =
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8);

    @Override
    public byte[] serialize(String topic, EventEnvelope<?> envelope) {
        return envelope == null ? null : EventCodec.encode(envelope);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, EventEnvelope<?> envelope) {
        if (envelope != null && headers != null) {
            headers.remove(CONTENT_TYPE_HEADER);
            headers.add(CONTENT_TYPE_HEADER, STRUCTURED_CONTENT_TYPE);
        }
        return serialize(topic, envelope);
    }
}
