package io.thriftstore.product.outbox;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventEnvelope;

/**
 * An event accepted together with a change and stored inside the changed document until the relay
 * has published it. {@code envelope} holds the exact JSON that goes to Kafka, so a relay publishes what
 * was decided at the time of the change, with the same envelope id however often it is retried.
 * {@code traceparent} is the trace of the change (W3C, null outside a trace): the relay publishes inside it,
 * so the record's traceparent header names the writer's trace, not the relay's.
 */
public record PendingEvent(String eventId, String type, String envelope, String traceparent) {

    /** Field names inside the stored document (used by updates and by the relay). */
    static final String EVENT_ID = "eventId";

    /** Field of the stored traceparent. */
    static final String TRACEPARENT = "traceparent";

    public static PendingEvent of(EventEnvelope<?> envelope, String traceparent) {
        return new PendingEvent(envelope.id().toString(), envelope.type(),
            new String(EventCodec.encode(envelope), java.nio.charset.StandardCharsets.UTF_8), traceparent);
    }
}
