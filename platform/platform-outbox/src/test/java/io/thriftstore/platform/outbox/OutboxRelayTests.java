package io.thriftstore.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.mock.MockProducerFactory;

import io.thriftstore.platform.outbox.OutboxRelay.Outcome;
import io.thriftstore.platform.outbox.OutboxStore.StoredEvent;

/**
 * The relay's sending rule, against Kafka's own {@link MockProducer} whose sends fail on demand:
 * a failure holds back the later events of its key and of no other key. (The real broker cannot
 * be made to refuse one chosen record; the ITs cover the real thing.)
 */
class OutboxRelayTests {

    @Test
    void aFailedEventHoldsBackTheLaterEventsOfItsKeyButNotOtherKeys() {
        RefusingProducer producer = new RefusingProducer(Set.of("a-2"), new RecordTooLargeException("too large"));
        List<StoredEvent> batch = List.of(event(1, "a", "a-1"), event(2, "b", "b-1"), event(3, "a", "a-2"),
                event(4, "b", "b-2"), event(5, "a", "a-3"), event(6, "c", "c-1"), event(7, "b", "b-3"));

        Outcome outcome = relayOver(producer).publish(batch);

        assertThat(producer.sent()).as("a-3 must not overtake a-2")
                .containsExactlyInAnyOrder("a-1", "b-1", "c-1", "a-2", "b-2", "b-3");
        assertThat(producer.sent()).containsSubsequence("a-1", "a-2").containsSubsequence("b-1", "b-2", "b-3");
        assertThat(outcome.published()).extracting(StoredEvent::ref).containsExactlyInAnyOrder(1L, 2L, 4L, 6L, 7L);
        assertThat(outcome.failures().keySet()).extracting(StoredEvent::ref).containsExactly(3L);
    }

    @Test
    void noEventOfAKeyIsSentBeforeThePreviousOneIsAcknowledged() {
        RefusingProducer producer = new RefusingProducer(Set.of(), null);
        List<StoredEvent> batch = List.of(event(1, "a", "a-1"), event(2, "a", "a-2"), event(3, "b", "b-1"),
                event(4, "a", "a-3"));

        Outcome outcome = relayOver(producer).publish(batch);

        // Waves: {a-1, b-1}, {a-2}, {a-3}: one event of a key in flight at a time.
        assertThat(producer.sent()).containsExactly("a-1", "b-1", "a-2", "a-3");
        assertThat(outcome.published()).extracting(StoredEvent::ref).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(outcome.failures()).isEmpty();
    }

    @Test
    void whenKafkaCannotBeReachedTheRoundStopsInsteadOfWaitingOnEveryKey() {
        RefusingProducer producer = new RefusingProducer(Set.of("a-1", "b-1", "c-1"),
                new TimeoutException("Topic not present in metadata after 10000 ms."));
        List<StoredEvent> batch = List.of(event(1, "a", "a-1"), event(2, "b", "b-1"), event(3, "c", "c-1"));

        Outcome outcome = relayOver(producer).publish(batch);

        assertThat(producer.sent()).containsExactly("a-1");
        assertThat(outcome.published()).isEmpty();
        assertThat(outcome.failures().keySet()).extracting(StoredEvent::ref).containsExactly(1L);
    }

    @Test
    void theStoredTraceparentTravelsAsTheRecordsHeaderAndAnEventWithoutOneGetsNone() {
        RefusingProducer producer = new RefusingProducer(Set.of(), null);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        List<StoredEvent> batch = List.of(event(1, "a", "traced", traceparent), event(2, "b", "untraced"));

        relayOver(producer).publish(batch);

        ProducerRecord<String, byte[]> traced = producer.history().get(0);
        assertThat(new String(traced.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo(traceparent);
        assertThat(traced.headers().headers("traceparent")).hasSize(1);
        assertThat(producer.history().get(1).headers().lastHeader("traceparent")).isNull();
    }

    static OutboxRelay relayOver(MockProducer<String, byte[]> producer) {
        OutboxProperties properties = new OutboxProperties(new OutboxProperties.Relay(true), Duration.ofMillis(150),
                500, Duration.ofSeconds(1), new OutboxProperties.Backoff(Duration.ofMillis(500), 2.0,
                Duration.ofSeconds(10)), Duration.ofHours(24), Duration.ofDays(30), Duration.ofMinutes(5),
                Duration.ofSeconds(10));
        // publish() asks the store only whether it still is the relay, and touches no meters.
        OutboxStore store = new OutboxTable(null, null);
        return new OutboxRelay(store, new MockProducerFactory<>(() -> producer), properties, null);
    }

    static StoredEvent event(long position, String key, String payload) {
        return event(position, key, payload, null);
    }

    static StoredEvent event(long position, String key, String payload, String traceparent) {
        return new StoredEvent(position, "wishlist-events", key,
                payload.getBytes(StandardCharsets.UTF_8), traceparent);
    }

    /** Acknowledges every record at once except the chosen ones, which fail with the given error. */
    static final class RefusingProducer extends MockProducer<String, byte[]> {

        private final Set<String> refused;
        private final RuntimeException error;

        RefusingProducer(Set<String> refused, RuntimeException error) {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
            this.refused = refused;
            this.error = error;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            Future<RecordMetadata> future = super.send(record, callback);
            if (refused.contains(payload(record))) {
                errorNext(error);
            } else {
                completeNext();
            }
            return future;
        }

        /** KafkaTemplate closes its producer after each send; Spring's real factory shares one that ignores it. */
        @Override
        public void close(Duration timeout) {
        }

        List<String> sent() {
            return history().stream().map(RefusingProducer::payload).toList();
        }

        private static String payload(ProducerRecord<String, byte[]> record) {
            return new String(record.value(), StandardCharsets.UTF_8);
        }
    }
}
