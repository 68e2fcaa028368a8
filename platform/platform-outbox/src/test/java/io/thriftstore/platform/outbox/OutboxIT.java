package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static io.thriftstore.platform.outbox.OutboxTestApplication.wish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.IllegalTransactionStateException;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.outbox.OutboxTestApplication.SimulatedFailure;

class OutboxIT extends OutboxIntegrationTest {

    @Test
    void aCommittedEventReachesKafkaWithinASecondAsExactlyTheStoredEnvelope() {
        String owner = uniqueOwner("committed");

        EventEnvelope<WishlistEvent> event = things.add(owner, "lamp");
        long committedAt = System.currentTimeMillis();

        ConsumerRecord<String, byte[]> record = awaitRecord(r -> owner.equals(r.key()));
        // The record's timestamp is set by the relay's producer when it sends.
        assertThat(record.timestamp() - committedAt).as("ms from commit to send").isLessThan(1000);
        assertThat(record.key()).isEqualTo(owner);
        byte[] stored = jdbc.queryForObject("SELECT payload FROM outbox WHERE event_id = ?", byte[].class, event.id());
        assertThat(record.value()).isEqualTo(stored).isEqualTo(EventCodec.encode(event));
        EventEnvelope<EventData> received = decode(record);
        assertThat(received.id()).isEqualTo(event.id());
        assertThat(received.source()).isEqualTo("outbox-test");
        assertThat(received.subject()).isEqualTo(owner);
        assertThat(received.data()).isEqualTo(event.data());
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
    }

    @Test
    void anEventAppendedInARolledBackTransactionIsNeverPublished() {
        String owner = uniqueOwner("rolled-back");

        assertThatThrownBy(() -> things.addThenFail(owner, "lamp")).isInstanceOf(SimulatedFailure.class);
        EventEnvelope<WishlistEvent> committed = things.add(owner, "chair");

        // Same key, so the rolled-back event would sit before the committed one in the partition.
        awaitEvents(Set.of(owner), 1);
        List<ConsumerRecord<String, byte[]>> records = recordsFor(Set.of(owner));
        assertThat(records).extracting(TopicRecords::eventId).containsExactly(committed.id());
        assertThat(things.count(owner)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_key = ?", Long.class, owner))
                .isEqualTo(1);
    }

    @Test
    void appendingOutsideATransactionIsRefusedAndStoresNothing() {
        String owner = uniqueOwner("no-transaction");

        assertThatThrownBy(() -> outbox.append(EventType.WISHLIST_ITEM_ADDED, wish(owner, "lamp")))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_key = ?", Long.class, owner))
                .isZero();
    }

    @Test
    void anEnvelopeAppendedAsItIsKeepsItsIdSourceAndTime() {
        String owner = uniqueOwner("as-is");
        EventEnvelope<WishlistEvent> event = EventEnvelope.of(EventType.WISHLIST_ITEM_ADDED, "another-service",
                wish(owner, "lamp"));

        transactions.executeWithoutResult(status -> outbox.append(event));

        EventEnvelope<EventData> received = decode(awaitRecord(r -> owner.equals(r.key())));
        assertThat(received).isEqualTo(event);
    }

    @Test
    void eventIdsAreUniqueInTheOutbox() {
        String owner = uniqueOwner("twice");
        EventEnvelope<WishlistEvent> event = EventEnvelope.of(EventType.WISHLIST_ITEM_ADDED, "outbox-test",
                wish(owner, "lamp"));
        transactions.executeWithoutResult(status -> outbox.append(event));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> outbox.append(event)))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_id = ?", Long.class,
                (UUID) event.id())).isEqualTo(1);
    }
}
