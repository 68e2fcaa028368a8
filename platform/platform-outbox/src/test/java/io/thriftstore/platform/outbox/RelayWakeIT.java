package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static io.thriftstore.platform.outbox.OutboxTestApplication.wish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.outbox.OutboxTestApplication.SimulatedFailure;

/**
 * A commit wakes the relay: with a poll interval far longer than the test, events still reach
 * Kafka, one transaction after the other, so nothing but the wake can have sent them. (Its own
 * context: the shared one polls every 100 ms, which would hide a missing wake.)
 */
@TestPropertySource(properties = "thriftstore.outbox.poll-interval=1h")
class RelayWakeIT extends OutboxIntegrationTest {

    @Test
    void eachCommittedEventIsSentWithoutWaitingForThePoll() {
        // The relay's first round runs at start-up; everything after it must come from wakes.
        String owner = uniqueOwner("woken");
        for (int n = 0; n < 5; n++) {
            UUID id = things.add(owner, "item-" + n).id();
            awaitWithin(Duration.ofSeconds(20), () -> recordsFor(Set.of(owner)).stream()
                    .anyMatch(record -> TopicRecords.eventId(record).equals(id)));
        }
        assertThat(recordsFor(Set.of(owner))).hasSize(5);
    }

    @Test
    void aRolledBackTransactionWakesNothingAndLeavesNothingBound() {
        String owner = uniqueOwner("woken-after-rollback");
        assertThatThrownBy(() -> things.addThenFail(owner, "lamp"))
                .isInstanceOf(SimulatedFailure.class);
        // The next transaction on this thread registers its own wake and is sent.
        UUID id = things.add(owner, "chair").id();
        awaitWithin(Duration.ofSeconds(20), () -> recordsFor(Set.of(owner)).stream()
                .anyMatch(record -> TopicRecords.eventId(record).equals(id)));
        assertThat(recordsFor(Set.of(owner))).extracting(TopicRecords::eventId).containsExactly(id);
    }

    @Test
    void severalEventsInOneTransactionAreSentTogether() {
        List<String> owners = owners("woken-batch", 3);
        transactions.executeWithoutResult(status -> owners.forEach(owner ->
                outbox.append(EventType.WISHLIST_ITEM_ADDED, wish(owner, "lamp"))));
        awaitWithin(Duration.ofSeconds(20), () -> recordsFor(Set.copyOf(owners)).size() == 3);
    }

    private static void awaitWithin(Duration limit, Callable<Boolean> condition) {
        await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(condition);
    }
}
