package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.thriftstore.testing.Infrastructure;

/**
 * The broker stops (same address, same data afterwards) while services keep committing: the
 * events wait in the outbox, visibly, and arrive complete and in order once it is back.
 */
class BrokerOutageIT extends OutboxIntegrationTest {

    @Test
    void eventsCommittedWhileTheBrokerIsDownAllArriveInOrderPerKeyOnceItIsBack() throws Exception {
        List<String> owners = owners("outage", 4);

        Map<String, List<UUID>> written;
        Infrastructure.kafka().stop();
        try {
            written = writeConcurrently(owners, 50);
            // The relay fails, backs off and fails again (a second attempt on an event) before the broker returns.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM outbox WHERE event_key IN (?, ?, ?, ?) AND published_at IS NULL AND attempts > 1",
                    Long.class, owners.toArray()) > 0);
        } finally {
            Infrastructure.kafka().start();
        }

        // Asserted: all 200 events arrive; per key, in the order they were committed; and no
        // event id is on the topic twice.
        List<ConsumerRecord<String, byte[]>> records = awaitEvents(Set.copyOf(owners), 200);
        assertThat(TopicRecords.firstArrivalsByKey(records)).isEqualTo(written);
        assertNoEventTwice(records);
    }

    @Test
    void whileTheBrokerIsDownTheMetricsShowTheBacklogAndTheFailures() throws Exception {
        List<String> owners = owners("metrics", 2);
        double failuresBefore = counter("outbox.publish.failures");
        double publishedBefore = counter("outbox.published");

        Infrastructure.kafka().stop();
        try {
            writeConcurrently(owners, 25);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(gauge("outbox.pending")).isGreaterThanOrEqualTo(50);
                assertThat(gauge("outbox.oldest.age")).isGreaterThan(2.0);
                assertThat(counter("outbox.publish.failures")).isGreaterThan(failuresBefore);
            });
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM outbox WHERE event_key IN (?, ?) AND published_at IS NULL AND attempts > 0""",
                    Long.class, owners.get(0), owners.get(1))).isPositive();
        } finally {
            Infrastructure.kafka().start();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gauge("outbox.pending")).isZero();
            assertThat(gauge("outbox.oldest.age")).isZero();
            assertThat(counter("outbox.published")).isGreaterThanOrEqualTo(publishedBefore + 50);
        });
    }
}
