package io.thriftstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.SampleEvents;
import io.thriftstore.platform.events.Topics;

class KafkaPolicyIT extends KafkaIntegrationTest {

    @Autowired
    ProducerFactory<String, EventEnvelope<?>> producerFactory;

    @Autowired
    ConcurrentKafkaListenerContainerFactory<String, EventEnvelope<EventData>> containerFactory;

    @Autowired
    EventPublisher publisher;

    @Autowired
    ConsumerFactory<String, EventEnvelope<EventData>> consumerFactory;

    @Test
    void producersWaitForAllInSyncReplicasAndAreIdempotent() {
        Map<String, Object> config = producerFactory.getConfigurationProperties();

        assertThat(String.valueOf(config.get(ProducerConfig.ACKS_CONFIG))).isEqualTo("all");
        assertThat(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");
        try (Producer<String, EventEnvelope<?>> producer = producerFactory.createProducer()) {
            assertThat(producer.partitionsFor(topic(Topics.ORDER_EVENTS))).hasSize(PARTITIONS);
        }
    }

    @Test
    void aServiceThatWeakensAcksFailsAtStartInsteadOfLosingEventsSilently() {
        DefaultKafkaProducerFactory<String, EventEnvelope<?>> weakened = (DefaultKafkaProducerFactory<String, EventEnvelope<?>>)
                producerFactory.copyWithConfigurationOverride(Map.of(ProducerConfig.ACKS_CONFIG, "1"));
        try {
            assertThatThrownBy(weakened::createProducer).hasStackTraceContaining("acks");
        } finally {
            weakened.destroy();
        }
    }

    @Test
    void everyPlatformTopicAndItsDltExistWithTheConfiguredPartitions() throws Exception {
        List<String> names = Topics.ALL.stream()
                .flatMap(name -> Stream.of(topic(name), dlt(name)))
                .toList();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);

            assertThat(topics).containsOnlyKeys(names);
            topics.values().forEach(description ->
                    assertThat(description.partitions()).as(description.name()).hasSize(PARTITIONS));
        }
    }

    @Test
    void aNewConsumerGroupReadsEventsPublishedBeforeItFirstStarted() throws Exception {
        EventEnvelope<?> earlier = publisher.publish(EventType.NOTIFICATION_CREATED,
                SampleEvents.dataFor(EventType.NOTIFICATION_CREATED, uniqueKey("user"))).get(10, TimeUnit.SECONDS)
                .getProducerRecord().value();
        Queue<ConsumerRecord<String, EventEnvelope<EventData>>> received = new ConcurrentLinkedQueue<>();
        ConcurrentMessageListenerContainer<String, EventEnvelope<EventData>> lateStarter =
                containerFactory.createContainer(topic(Topics.NOTIFICATION_EVENTS));
        lateStarter.getContainerProperties().setGroupId("new-service-" + UUID.randomUUID());
        lateStarter.getContainerProperties().setMessageListener(
                (MessageListener<String, EventEnvelope<EventData>>) received::add);

        lateStarter.start();
        try {
            await().atMost(WAIT).until(() -> received.stream().anyMatch(r -> r.value().id().equals(earlier.id())));
        } finally {
            lateStarter.stop();
        }
    }

    /**
     * A service killed with SIGKILL never leaves its group: until its session times out, the group waits for
     * it and nobody consumes its partitions, not even its own restarted process. Kafka's default (45 s) held
     * orders PENDING for a minute in the SIGKILL drill (e2e/README.md); the platform's 10 s hands them over soon.
     */
    @Test
    void aKilledInstancesPartitionsPassToItsSuccessorWithinSeconds() {
        String group = "killed-" + UUID.randomUUID();
        List<String> topics = List.of(topic(Topics.ORDER_EVENTS));
        Consumer<String, EventEnvelope<EventData>> killed = consumerFactory.createConsumer(group, "-killed");
        killed.subscribe(topics);
        await().atMost(WAIT).until(() -> {
            killed.poll(Duration.ofMillis(100));
            return killed.assignment().size() == PARTITIONS;
        });
        // What SIGKILL leaves behind: a member that stops heartbeating without a LeaveGroup request.
        killed.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));

        long start = System.nanoTime();
        try (Consumer<String, EventEnvelope<EventData>> successor = consumerFactory.createConsumer(group, "-successor")) {
            successor.subscribe(topics);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                successor.poll(Duration.ofMillis(200));
                return successor.assignment().size() == PARTITIONS;
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    /**
     * Listeners commit at most once a second (count or time), not once per poll, and still within seconds of the last
     * record: product-service's hold expiry and the tests' CaughtUp read the committed offsets as "handled".
     */
    @Test
    void handledRecordsAreCommittedWithinSecondsNotOncePerPoll() throws Exception {
        ContainerProperties properties = containerFactory.getContainerProperties();
        assertThat(properties.getAckMode()).isEqualTo(ContainerProperties.AckMode.COUNT_TIME);
        assertThat(properties.getAckTime()).isEqualTo(1_000);

        String group = "commit-check-" + UUID.randomUUID();
        Queue<ConsumerRecord<String, EventEnvelope<EventData>>> received = new ConcurrentLinkedQueue<>();
        ConcurrentMessageListenerContainer<String, EventEnvelope<EventData>> container =
                containerFactory.createContainer(topic(Topics.WISHLIST_EVENTS));
        container.getContainerProperties().setGroupId(group);
        container.getContainerProperties().setMessageListener((MessageListener<String, EventEnvelope<EventData>>) received::add);
        container.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(WAIT).until(() -> !container.getAssignedPartitions().isEmpty());
            EventEnvelope<?> event = publisher.publish(EventType.WISHLIST_ITEM_ADDED,
                    SampleEvents.dataFor(EventType.WISHLIST_ITEM_ADDED, uniqueKey("user"))).get(10, TimeUnit.SECONDS)
                    .getProducerRecord().value();
            await().atMost(WAIT).until(() -> received.stream().anyMatch(r -> r.value().id().equals(event.id())));
            ConsumerRecord<String, EventEnvelope<EventData>> handled =
                    received.stream().filter(r -> r.value().id().equals(event.id())).findFirst().orElseThrow();

            // No more records come: the commit must not wait for another poll to bring some.
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .get(new TopicPartition(handled.topic(), handled.partition()));
                return committed != null && committed.offset() > handled.offset();
            });
        } finally {
            container.stop();
        }
    }

    @Test
    void sendingAndListeningAreObserved() throws Exception {
        // Observations are what carry tracing headers from producer to listener; here they show as timers.
        EventEnvelope<?> event = publisher.publish(EventType.PRODUCT_CREATED,
                SampleEvents.dataFor(EventType.PRODUCT_CREATED, uniqueKey("product"))).get(10, TimeUnit.SECONDS)
                .getProducerRecord().value();
        await().atMost(WAIT).until(() -> listener.processed.containsKey(event.id()));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(meterRegistry.find("spring.kafka.template").tag("spring.kafka.template.name", "kafkaTemplate").timer())
                    .isNotNull();
            assertThat(meterRegistry.find("spring.kafka.listener").tag("spring.kafka.listener.id", "kafka-it-recorder-0").timer())
                    .isNotNull();
        });
    }

    @Test
    void publishedEventsNameTheServiceAsTheirSource() {
        assertThat(publisher.source()).isEqualTo("kafka-platform-test");
    }
}
