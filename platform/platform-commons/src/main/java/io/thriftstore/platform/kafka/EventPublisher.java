package io.thriftstore.platform.kafka;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;

/**
 * Sends events to their topic (with the configured prefix), keyed by their aggregate id, so
 * that no service picks a topic name or a key by hand.
 */
public class EventPublisher {

    private final KafkaTemplate<String, EventEnvelope<?>> template;
    private final Topics topics;
    private final String source;

    /**
     * @param source the CloudEvents {@code source} of events this publisher creates: the service's
     *        {@code spring.application.name}, e.g. {@code order-service}
     */
    public EventPublisher(KafkaTemplate<String, EventEnvelope<?>> template, Topics topics, String source) {
        this.template = Objects.requireNonNull(template, "template");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Sends an envelope as it is (an outbox relays envelopes it stored earlier) to the topic of its
     * type, keyed by {@link EventEnvelope#key()}.
     *
     * @throws IllegalArgumentException for a type this build does not know (it has no topic)
     */
    public CompletableFuture<SendResult<String, EventEnvelope<?>>> publish(EventEnvelope<?> envelope) {
        EventType type = envelope.eventType().orElseThrow(
                () -> new IllegalArgumentException("unknown event type: " + envelope.type()));
        return template.send(topics.of(type), envelope.key(), envelope);
    }

    /** Wraps {@code data} in a new envelope (fresh id, now, this service as source) and sends it. */
    public CompletableFuture<SendResult<String, EventEnvelope<?>>> publish(EventType type, EventData data) {
        return publish(EventEnvelope.of(type, source, data));
    }

    /** The {@code source} of the envelopes this publisher creates. */
    public String source() {
        return source;
    }
}
