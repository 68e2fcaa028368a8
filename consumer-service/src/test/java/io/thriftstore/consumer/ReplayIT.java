package io.thriftstore.consumer;

import io.thriftstore.testing.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.testing.TestInfrastructure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.thriftstore.consumer.Events.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replaying every consumed topic from the beginning (the service's consumer group reset to offset 0,
 * or the same envelopes published again) creates no notification and changes no insight.
 */
@ConsumerServiceIT
class ReplayIT {

    @LocalServerPort
    int port;

    @Autowired
    Events events;

    @Autowired
    Told told;

    @Autowired
    Topics topics;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcTemplate jdbc;

    final TestUser seller = TestUser.named("Rita Replay");
    final TestUser buyer = TestUser.named("Ray Buyer");
    final TestUser wisher = TestUser.named("Wim Wisher");

    @BeforeEach
    void aHistoryOnEveryTopic() {
        Events.Product product = events.product(seller, "Teak table", "200", 1);
        events.wish(wisher, product);
        told.settle();
        product.updated("150", 1);
        product.updated("150", 0);
        product.updated("150", 1);
        Events.Order order = events.order(buyer, seller, line(product.id, "Teak table", "150", 1));
        order.created();
        order.confirmed();
        order.shipped();
        order.delivered();
        Events.Order cancelled = events.order(buyer, seller, line(product.id, "Teak table", "150", 1));
        cancelled.created();
        cancelled.confirmed();
        cancelled.cancelledBy(seller);
        events.chat(buyer, seller, "Thanks!", Instant.now());
        told.settle();
        assertThat(told.of(seller)).hasSize(5);   // wish, received x2, delivered, new message
    }

    @Test
    void resettingTheConsumerGroupToTheBeginningCreatesNothingNew() throws Exception {
        Snapshot before = snapshot();

        String group = topics.name("consumer-service");
        List<MessageListenerContainer> ours = listeners.getListenerContainers().stream()
            .filter(container -> group.equals(container.getGroupId())).toList();
        assertThat(ours).hasSize(4);
        ours.forEach(MessageListenerContainer::stop);
        try {
            rewind(group);
        }
        finally {
            ours.forEach(MessageListenerContainer::start);
        }
        told.settle();

        assertThat(snapshot()).as("not one notification record more, the same figures").isEqualTo(before);
    }

    @Test
    void publishingTheSameEnvelopesAgainCreatesNothingNew() {
        Snapshot before = snapshot();

        events.published().forEach(events::send);
        told.settle();

        assertThat(snapshot()).as("not one notification record more, the same figures").isEqualTo(before);
    }

    @Test
    void anEventProcessedAgainAfterItsConsumedRecordExpiredYieldsTheSameNotificationIds() {
        Events.Order order = events.order(buyer, seller, line("p-replayed", "Pine shelf", "30", 1));
        order.created();
        var confirmed = order.confirmed();
        told.settle();
        String insightsBefore = snapshot().sellerInsights();
        List<String> firstIds = idsCausedBy(confirmed.id().toString());
        assertThat(firstIds).hasSize(2);

        // As if the consumed-event record had expired (consumed-retention) before a very late redelivery.
        jdbc.update("DELETE FROM consumed_event WHERE event_id = ?", confirmed.id());
        events.send(confirmed);
        told.settle();

        List<String> allIds = idsCausedBy(confirmed.id().toString());
        assertThat(allIds).hasSize(4);
        assertThat(Set.copyOf(allIds)).as("notification-service upserts by id: still two notifications")
            .containsExactlyInAnyOrderElementsOf(firstIds);
        assertThat(snapshot().sellerInsights()).isEqualTo(insightsBefore);
    }

    private List<String> idsCausedBy(String sourceEventId) {
        return told.all().stream().filter(n -> n.sourceEventId().equals(sourceEventId))
            .map(NotificationCreated::notificationId).toList();
    }

    private void rewind(String group) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            List<String> consumed = List.of(Topics.ORDER_EVENTS, Topics.PRODUCT_EVENTS, Topics.WISHLIST_EVENTS, Topics.CHAT_MESSAGES)
                .stream().map(topics::name).toList();
            Map<TopicPartition, OffsetAndMetadata> beginning = admin.describeTopics(consumed).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0)));
            // The group must be empty: the stopped consumers leave it, which the broker may take a moment to see.
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.alterConsumerGroupOffsets(group, beginning).all().get() == null);
        }
    }

    /** What a user can observe: every notification published, and the seller's figures. */
    private Snapshot snapshot() {
        Api api = new Api(port);
        return new Snapshot(told.all(), api.get("/api/insights/sellers/me", seller.bearer()).toString());
    }

    record Snapshot(List<NotificationCreated> notifications, String sellerInsights) {
    }
}
