package io.thriftstore.consumer;

import io.thriftstore.testing.CaughtUp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.testing.TestInfrastructure;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;

import org.awaitility.Awaitility;

/** Every notification.created the service published, read back from the broker as notification-service would. */
@TestComponent
class Told {

    static final String GROUP = "notification-events-test-reader";

    private final List<EventEnvelope<EventData>> envelopes = new CopyOnWriteArrayList<>();
    private final TestInfrastructure infrastructure;
    private final Topics topics;
    private final JdbcTemplate jdbc;

    Told(TestInfrastructure infrastructure, Topics topics, JdbcTemplate jdbc) {
        this.infrastructure = infrastructure;
        this.topics = topics;
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = "#{@topics.name('notification-events')}", groupId = "#{@topics.name('" + GROUP + "')}")
    void record(EventEnvelope<EventData> envelope) {
        envelopes.add(envelope);
    }

    /** Every notification record read so far, redeliveries of one envelope included (nothing is hidden). */
    List<NotificationCreated> all() {
        return envelopes.stream().map(envelope -> (NotificationCreated) envelope.data()).toList();
    }

    /** The notifications of one user, in the order published. */
    List<NotificationCreated> of(TestUser user) {
        return all().stream().filter(n -> n.userId().equals(user.id())).toList();
    }

    /** Waits for {@code count} notifications of the user, then returns them. */
    List<NotificationCreated> await(TestUser user, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> of(user).size() >= count);
        return of(user);
    }

    /**
     * Waits until the service consumed everything published to its topics so far, relayed all it wrote,
     * and this reader read it: afterwards a notification that is missing was never created.
     */
    void settle() {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        CaughtUp.await(bootstrap, List.of(topics.name(Topics.ORDER_EVENTS), topics.name(Topics.PRODUCT_EVENTS),
            topics.name(Topics.WISHLIST_EVENTS), topics.name(Topics.CHAT_MESSAGES)), topics.name("consumer-service"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
            jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Long.class) == 0);
        CaughtUp.await(bootstrap, List.of(topics.name(Topics.NOTIFICATION_EVENTS)), topics.name(GROUP));
    }
}
