package io.thriftstore.platform.kafka;

import org.apache.kafka.common.serialization.Deserializer;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;

/**
 * Reads an envelope with a typed payload. It throws {@link EventCodec.UndecodableEventException}
 * for bytes that are not an envelope of a known type; consumers get it wrapped in Spring Kafka's
 * {@code ErrorHandlingDeserializer}, which turns that into a dead letter instead of a partition
 * that can never move past the record. Public with a no-argument constructor because Kafka
 * instantiates it by class name.
 */
public class EventEnvelopeDeserializer implements Deserializer<EventEnvelope<EventData>> {

    @Override
    public EventEnvelope<EventData> deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.decode(data);
    }
}
