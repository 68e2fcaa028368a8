package io.thriftstore.devtools.dltreplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.kafka.EventPublisher;

/**
 * DltReplay against a real broker and the platform's real dead-letter policy: a listener fails, its record lands in
 * the DLT, the replay brings it back. Each test uses a topic of its own, so that each can count exactly what a
 * replay finds.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=dlt-replay-test",
        "thriftstore.kafka.topic-prefix=" + DltReplayIT.PREFIX,
        "thriftstore.kafka.partitions=2",
        "thriftstore.kafka.retry.attempts=" + DltReplayIT.ATTEMPTS,
        "thriftstore.kafka.retry.initial-interval=100ms",
        "thriftstore.kafka.retry.multiplier=2",
        "thriftstore.kafka.retry.max-interval=400ms",
        "spring.kafka.producer.properties.linger.ms=0",
        "thriftstore.auth.enabled=false", // this context serves no API
})
@EmbeddedKafka(brokerProperties = {
        // Every topic must come from the platform's own declarations.
        "auto.create.topics.enable=false",
        // One broker: a small offsets topic starts and stops faster than the default 50 partitions.
        "group.initial.rebalance.delay.ms=0",
        "offsets.topic.num.partitions=1",
        "offsets.topic.replication.factor=1",
        "log.cleaner.dedupe.buffer.size=16777216",
})
class DltReplayIT {

    static final String PREFIX = "dlt-replay-it.";
    static final int ATTEMPTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ReplayTestApplication.RecordingListener listener;

    @Autowired
    EventPublisher publisher;

    @Test
    void replayBringsADeadLetterBackToItsPartitionWhereTheFixedListenerProcessesItOnce() throws Exception {
        EventEnvelope<EventData> event = envelope(EventType.WISHLIST_ITEM_ADDED, uniqueKey("user"));
        listener.failing.add(event.id());
        int partition = publisher.publish(event).get(10, TimeUnit.SECONDS).getRecordMetadata().partition();
        awaitRecord(dlt(Topics.WISHLIST_EVENTS), r -> event.key().equals(r.key()));
        assertThat(listener.attemptsOf(event.id())).isEqualTo(ATTEMPTS);

        listener.failing.remove(event.id()); // the bug is fixed
        long listed = DltReplay.replay(options(Topics.WISHLIST_EVENTS, Long.MAX_VALUE, true), quiet());
        long replayed = DltReplay.replay(options(Topics.WISHLIST_EVENTS, Long.MAX_VALUE, false), quiet());

        assertThat(listed).isEqualTo(1);
        assertThat(replayed).isEqualTo(1);
        await().atMost(WAIT).until(() -> listener.processed.containsKey(event.id()));
        ConsumerRecord<String, EventEnvelope<EventData>> record = listener.processed.get(event.id());
        assertThat(record.value()).isEqualTo(event);
        assertThat(record.key()).isEqualTo(event.key());
        assertThat(record.topic()).isEqualTo(topic(Topics.WISHLIST_EVENTS));
        assertThat(record.partition()).isEqualTo(partition);
        assertThat(StreamSupport.stream(record.headers().spliterator(), false).map(h -> h.key()))
                .noneMatch(key -> key.startsWith("kafka_dlt-"));
        // The dry run published nothing: three failed attempts, then the one replay.
        assertThat(listener.attemptsOf(event.id())).isEqualTo(ATTEMPTS + 1);

        assertThat(DltReplay.replay(options(Topics.WISHLIST_EVENTS, Long.MAX_VALUE, false), quiet())).isZero();
    }

    @Test
    void maxLimitsARunAndTheNextRunContinuesWhereItStopped() throws Exception {
        String key = uniqueKey("conversation");
        EventEnvelope<EventData> first = envelope(EventType.CHAT_MESSAGE_SENT, key);
        EventEnvelope<EventData> second = envelope(EventType.CHAT_MESSAGE_SENT, key);
        listener.invalid.addAll(List.of(first.id(), second.id()));
        publisher.publish(first).get(10, TimeUnit.SECONDS);
        publisher.publish(second).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> readAll(dlt(Topics.CHAT_MESSAGES)).stream()
                .filter(r -> key.equals(r.key())).count() == 2);
        listener.invalid.removeAll(List.of(first.id(), second.id()));

        assertThat(DltReplay.replay(options(Topics.CHAT_MESSAGES, 1, false), quiet())).isEqualTo(1);
        await().atMost(WAIT).until(() -> listener.processed.containsKey(first.id()));
        assertThat(listener.processed).doesNotContainKey(second.id());

        assertThat(DltReplay.replay(options(Topics.CHAT_MESSAGES, Long.MAX_VALUE, false), quiet())).isEqualTo(1);
        await().atMost(WAIT).until(() -> listener.processed.containsKey(second.id()));
    }

    @Test
    void theCommandRunsWithoutSpringAndSaysWhatItReplayed() throws Exception {
        // Nothing was ever dead-lettered on notification-events in this context.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DltReplay.class.getName(),
                "--bootstrap-servers", broker.getBrokersAsString(),
                "--topic", topic(Topics.NOTIFICATION_EVENTS) + Topics.DLT_SUFFIX)
                .redirectErrorStream(true)
                .start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output)
                .contains("Replayed 0 record(s) from " + dlt(Topics.NOTIFICATION_EVENTS) + " to " + topic(Topics.NOTIFICATION_EVENTS))
                .doesNotContain("DEBUG", "INFO");
    }

    @Test
    void theCommandRefusesBadArguments() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DltReplay.class.getName(), "--max", "3")
                .redirectErrorStream(true)
                .start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--topic is required", "usage:");
    }

    private DltReplay.Options options(String topicName, long max, boolean dryRun) {
        return new DltReplay.Options(broker.getBrokersAsString(), topic(topicName), max, dryRun);
    }

    private EventEnvelope<EventData> envelope(EventType type, String key) {
        Instant now = Instant.now();
        EventData data = switch (type) {
            case WISHLIST_ITEM_ADDED -> new WishlistEvent(key, "product-7", "Walnut bookshelf", "user_seller", now);
            case CHAT_MESSAGE_SENT -> new ChatMessageSent("msg-" + UUID.randomUUID(), key, "user_buyer", "Bea Buyer",
                    "Is it still available?", now, "client-42", "user_seller");
            default -> throw new IllegalArgumentException("no sample for " + type);
        };
        return EventEnvelope.of(type, publisher.source(), data);
    }

    private static String topic(String name) {
        return PREFIX + name;
    }

    private static String dlt(String name) {
        return Topics.deadLetterTopicOf(topic(name));
    }

    private static String uniqueKey(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    /** Waits for the first record of {@code topic} (read from the start, raw bytes) that matches. */
    private ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> matching) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> readAll(topic).stream().filter(matching).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
