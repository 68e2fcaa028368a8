package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.WishlistEvent;

/**
 * Several instances of a service share its database: their relays take turns, and an event is
 * published by exactly one of them.
 */
class SeveralRelaysIT extends OutboxIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    OutboxProperties properties;

    @Autowired
    KafkaProperties kafkaProperties;

    @Test
    void threeRelaysOnOneDatabasePublishEveryEventOnceAndInOrder() throws Exception {
        List<String> owners = owners("relays", 3);
        List<SimpleMeterRegistry> registries = new ArrayList<>();
        List<OutboxRelay> extraRelays = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            registries.add(registry);
            extraRelays.add(relayOfAnotherInstance("instance-" + i, registry));
        }
        double publishedByOurRelay = counter("outbox.published");
        extraRelays.forEach(OutboxRelay::start);
        try {
            Map<String, List<UUID>> written = writeConcurrently(owners, 100);

            List<ConsumerRecord<String, byte[]>> records = awaitEvents(Set.copyOf(owners), 300);
            assertThat(TopicRecords.firstArrivalsByKey(records)).isEqualTo(written);
            assertNoEventTwice(records);
            // Every send is counted by the relay that made it: 300 in all means none was sent twice.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(counter("outbox.published")
                    - publishedByOurRelay + registries.stream().mapToDouble(r -> r.counter("outbox.published").count()).sum())
                    .isEqualTo(300));
        } finally {
            extraRelays.forEach(OutboxRelay::stop);
        }
    }

    @Test
    void noRelayPublishesWhileAnotherHoldsTheRelayLock() throws Exception {
        String owner = uniqueOwner("locked");
        EventEnvelope<WishlistEvent> event;
        // Another instance in the middle of a round: it holds the lock in its transaction.
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxTable.RELAY_LOCK);
                lock.execute();
            }
            event = things.add(owner, "lamp");

            // Nothing is published during a window of many relay passes (poll-interval 100 ms).
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        assertThat(recordsFor(Set.of(owner))).isEmpty();
                        assertThat(jdbc.queryForObject("SELECT published_at IS NULL FROM outbox WHERE event_id = ?",
                                Boolean.class, event.id())).isTrue();
                    });

            otherInstance.commit();
        }

        assertThat(TopicRecords.eventId(awaitRecord(record -> owner.equals(record.key())))).isEqualTo(event.id());
    }

    @Test
    void publishedRowsAndOldConsumedRecordsAreDeletedAfterTheirRetentionPendingRowsNever() throws Exception {
        String owner = uniqueOwner("retention");
        EventEnvelope<WishlistEvent> published = things.add(owner, "lamp");
        awaitRecord(record -> owner.equals(record.key()));
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT published_at IS NOT NULL FROM outbox WHERE event_id = ?", Boolean.class, published.id()));
        UUID consumedId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO consumed_event (consumer, event_id, consumed_at) VALUES ('old', ?, now() - interval '2 days')",
                consumedId));

        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxTable.RELAY_LOCK);
                lock.execute();
            }
            EventEnvelope<WishlistEvent> pending = things.add(owner, "chair");

            outboxTable.deleteExpired(Duration.ZERO, Duration.ofDays(1));

            assertThat(jdbc.queryForList("SELECT event_id FROM outbox WHERE event_key = ?", UUID.class, owner))
                    .containsExactly(pending.id());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM consumed_event WHERE event_id = ?", Long.class,
                    consumedId)).isZero();
            otherInstance.commit();
        }
    }

    /** A relay as another instance of the service would run it: its own pool user, producer and meters. */
    OutboxRelay relayOfAnotherInstance(String name, SimpleMeterRegistry registry) {
        OutboxTable table = new OutboxTable(new JdbcTemplate(dataSource), new JdbcTransactionManager(dataSource));
        return new OutboxRelay(table, OutboxAutoConfiguration.relayProducers(kafkaProperties, kafka, properties, name),
                properties, new OutboxMetrics(table, registry));
    }
}
