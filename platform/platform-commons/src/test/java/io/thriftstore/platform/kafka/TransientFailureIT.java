package io.thriftstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.SampleEvents;
import io.thriftstore.platform.events.Topics;

/**
 * A listener whose store is down for a while: its records are retried, far beyond the attempts given to
 * other failures, until the store is back; then each is processed once, in order, and nothing is dead-lettered.
 */
class TransientFailureIT extends KafkaIntegrationTest {

    @Autowired
    EventPublisher publisher;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Test
    void recordsOfAKeyWaitForTheirStoreAndAreProcessedInOrderWithoutDeadLetters() throws Exception {
        String key = uniqueKey("order");
        double deadLettersBefore = deadLetterCount(topic(Topics.ORDER_EVENTS), "CannotCreateTransactionException");
        Instant storeBack = Instant.now().plusSeconds(4);
        listener.storeDownUntil.put(key, storeBack);
        List<EventEnvelope<EventData>> events = List.of(
                envelope(EventType.ORDER_CREATED, key), envelope(EventType.ORDER_CONFIRMED, key),
                envelope(EventType.ORDER_SHIPPED, key));
        for (EventEnvelope<EventData> event : events) {
            publisher.publish(event).get(10, TimeUnit.SECONDS);
        }

        // Back-offs pause the container (which keeps polling and stays in its group) instead of sleeping on its thread.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> registry.getListenerContainer("kafka-it-recorder").isPauseRequested());
        await().atMost(WAIT).until(() -> events.stream().allMatch(e -> listener.processed.containsKey(e.id())));

        assertThat(Instant.now()).as("nothing was processed while the store was down").isAfter(storeBack);
        assertThat(listener.attemptsOf(events.get(0).id()))
                .as("the first record was retried beyond the %d attempts of other failures", ATTEMPTS)
                .isGreaterThan(ATTEMPTS);
        assertThat(listener.processedInOrder.stream().filter(id -> events.stream().anyMatch(e -> e.id().equals(id))))
                .as("each record processed once, in the order of its key")
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList());
        assertThat(events.subList(1, 3)).as("the later records waited behind the first, they never failed")
                .allSatisfy(e -> assertThat(listener.attemptsOf(e.id())).isEqualTo(1));
        assertThat(readAll(dlt(Topics.ORDER_EVENTS))).as("no dead letter for the key")
                .noneMatch(r -> key.equals(r.key()));
        assertThat(deadLetterCount(topic(Topics.ORDER_EVENTS), "CannotCreateTransactionException"))
                .isEqualTo(deadLettersBefore);
    }

    @Test
    void aRecordTheListenerRefusesAsInvalidGoesToTheDltAtOnce() throws Exception {
        double countBefore = deadLetterCount(topic(Topics.ORDER_EVENTS), "IllegalArgumentException");
        EventEnvelope<EventData> refused = envelope(EventType.ORDER_CREATED, uniqueKey("order"));
        listener.refused.add(refused.id());

        publisher.publish(refused).get(10, TimeUnit.SECONDS);

        awaitRecord(dlt(Topics.ORDER_EVENTS), r -> refused.key().equals(r.key()));
        assertThat(listener.attemptsOf(refused.id())).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(deadLetterCount(topic(Topics.ORDER_EVENTS), "IllegalArgumentException")).isEqualTo(countBefore + 1));
    }

    private EventEnvelope<EventData> envelope(EventType type, String key) {
        return EventEnvelope.of(type, publisher.source(), SampleEvents.dataFor(type, key));
    }
}
