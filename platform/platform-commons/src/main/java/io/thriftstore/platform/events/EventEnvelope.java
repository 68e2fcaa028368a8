package io.thriftstore.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents 1.0 JSON envelope of every Kafka record. {@code id} is what consumers
 * deduplicate on; {@code subject} is the record's key.
 */
public record EventEnvelope<T extends EventData>(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id, now, keyed by the payload's aggregate. */
    public static <T extends EventData> EventEnvelope<T> of(EventType type, String source, T data) {
        if (!type.dataType().isInstance(data)) {
            throw new IllegalArgumentException(type.type() + " carries " + type.dataType().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID(), source, type.type(), data.eventKey(),
                Instant.now(), CONTENT_TYPE, data);
    }

    /** The Kafka key: the aggregate id named in DESIGN section 6. */
    public String key() {
        return data.eventKey();
    }

    /** The known type of this event; empty for a type this build does not know. */
    public java.util.Optional<EventType> eventType() {
        return EventType.fromType(type);
    }
}
