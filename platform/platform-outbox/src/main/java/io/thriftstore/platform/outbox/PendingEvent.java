package io.thriftstore.platform.outbox;

import java.nio.charset.StandardCharsets;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventEnvelope;

/**
 * MongoDB: an event stored inside the document whose change it announces (the {@value MongoOutbox#FIELD}
 * array), until the relay has it on Kafka. {@code envelope} holds the exact JSON that goes to Kafka, so the
 * relay publishes what was decided at the time of the change, with the same envelope id however often it
 * is retried. {@code traceparent} is the trace of the change (W3C, null outside a trace), sent as the
 * record's traceparent header. A document mapped by Spring Data declares the field as
 * {@code List<PendingEvent> pendingEvents} (and {@code Instant pendingSince}).
 */
public record PendingEvent(String eventId, String type, String envelope, String traceparent) {

    /** Field names inside the stored event. */
    static final String EVENT_ID = "eventId";
    static final String TYPE = "type";
    static final String ENVELOPE = "envelope";
    static final String TRACEPARENT = "traceparent";

    public static PendingEvent of(EventEnvelope<?> envelope, String traceparent) {
        return new PendingEvent(envelope.id().toString(), envelope.type(),
                new String(EventCodec.encode(envelope), StandardCharsets.UTF_8), traceparent);
    }

    org.bson.Document toDocument() {
        return new org.bson.Document(EVENT_ID, eventId).append(TYPE, type).append(ENVELOPE, envelope)
                .append(TRACEPARENT, traceparent);
    }
}
