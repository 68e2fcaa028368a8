package io.thriftstore.platform.events;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON (de)serialisation of envelopes with Jackson 3. The payload class is chosen by the
 * envelope's {@code type}, so a consumer gets a typed record, never a map.
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Newer producers may add fields; older consumers must still read the record.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // decode() reads a tree first: without these, prices pass through double and 120.50 arrives as 120.5.
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private EventCodec() {
    }

    public static byte[] encode(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    private static String text(JsonNode tree, String field) {
        return tree.hasNonNull(field) ? tree.get(field).asString() : null;
    }

    /**
     * @throws UndecodableEventException when the bytes are not an envelope of a known type
     */
    public static EventEnvelope<EventData> decode(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            String typeName = tree.path("type").asString(null);
            EventType type = EventType.fromType(typeName)
                    .orElseThrow(() -> new UndecodableEventException("unknown event type: " + typeName));
            EventData data = MAPPER.treeToValue(tree.required("data"), type.dataType());
            return new EventEnvelope<>(
                    text(tree, "specversion"),
                    UUID.fromString(tree.required("id").asString()),
                    text(tree, "source"),
                    typeName,
                    text(tree, "subject"),
                    tree.hasNonNull("time") ? Instant.parse(tree.get("time").asString()) : null,
                    text(tree, "datacontenttype"),
                    data);
        } catch (UndecodableEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UndecodableEventException("not a ThriftStore event envelope: " + e.getMessage(), e);
        }
    }

    /** Raised for records that no retry can fix; the Kafka error policy sends them to the DLT at once. */
    public static final class UndecodableEventException extends RuntimeException {
        public UndecodableEventException(String message) {
            super(message);
        }

        public UndecodableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
