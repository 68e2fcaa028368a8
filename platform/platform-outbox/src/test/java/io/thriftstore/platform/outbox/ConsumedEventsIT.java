package io.thriftstore.platform.outbox;

import static io.thriftstore.platform.outbox.OutboxTestApplication.wish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.outbox.OutboxTestApplication.WishCounter;

/** The consumer side: "already processed" and "the effect" commit together. */
class ConsumedEventsIT extends OutboxIntegrationTest {

    @Autowired
    ConsumedEvents consumedEvents;

    @Test
    void anEventDeliveredTwiceHasOneEffect() throws Exception {
        String owner = uniqueOwner("twice");
        EventEnvelope<WishlistEvent> event = EventEnvelope.of(EventType.WISHLIST_ITEM_ADDED, "outbox-test",
                wish(owner, "lamp"));

        sendRaw(event);
        sendRaw(event);

        await().atMost(WAIT).until(() -> wishCounter.deliveriesOf(event.id()) == 2);
        assertThat(wishCounter.adds(owner)).isEqualTo(1);
        assertThat(consumedRecords(event.id())).isEqualTo(1);
    }

    @Test
    void aFailingEffectRollsBackItsConsumedRecordSoTheRetrySucceeds() throws Exception {
        String owner = uniqueOwner("retried");
        EventEnvelope<WishlistEvent> event = EventEnvelope.of(EventType.WISHLIST_ITEM_ADDED, "outbox-test",
                wish(owner, "lamp"));
        wishCounter.failOnce(event.id());

        sendRaw(event);

        // The first delivery recorded the event and counted, then failed: both rolled back. Had the
        // record survived, the redelivery would have been skipped and the count stayed at 0.
        await().atMost(WAIT).until(() -> wishCounter.adds(owner) == 1);
        assertThat(wishCounter.deliveriesOf(event.id())).isEqualTo(2);
        assertThat(consumedRecords(event.id())).isEqualTo(1);
    }

    @Test
    void markConsumedIsTrueOnlyTheFirstTimePerConsumer() {
        UUID eventId = UUID.randomUUID();

        assertThat(markInItsOwnTransaction("a", eventId)).isTrue();
        assertThat(markInItsOwnTransaction("a", eventId)).isFalse();
        assertThat(markInItsOwnTransaction("b", eventId)).isTrue();
    }

    @Test
    void markConsumedOutsideATransactionIsRefused() {
        UUID eventId = UUID.randomUUID();

        assertThatThrownBy(() -> consumedEvents.markConsumed(WishCounter.CONSUMER, eventId))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(consumedRecords(eventId)).isZero();
    }

    boolean markInItsOwnTransaction(String consumer, UUID eventId) {
        Boolean first = transactions.execute(status -> consumedEvents.markConsumed(consumer, eventId));
        return Boolean.TRUE.equals(first);
    }

    long consumedRecords(UUID eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM consumed_event WHERE consumer = ? AND event_id = ?",
                Long.class, WishCounter.CONSUMER, eventId);
    }

    /** Delivers an envelope the way a redelivering producer would: the same bytes, same key. */
    void sendRaw(EventEnvelope<?> event) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(wishlistTopic(), event.key(), EventCodec.encode(event))).get();
        }
    }
}
