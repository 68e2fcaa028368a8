package io.thriftstore.platform.kafka;

import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ValidationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.CannotCreateTransactionException;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.Topics;

/**
 * The one Spring context (and so the one embedded broker) of this module's Kafka tests: every
 * subclass has exactly this configuration, so the context is cached and shared. Tests keep apart
 * by key and event id; the DLT tests use different topics or exception types.
 */
@SpringBootTest(classes = KafkaTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=kafka-platform-test",
        "thriftstore.kafka.topic-prefix=" + KafkaIntegrationTest.PREFIX,
        "thriftstore.kafka.partitions=" + KafkaIntegrationTest.PARTITIONS,
        "thriftstore.kafka.retry.attempts=" + KafkaIntegrationTest.ATTEMPTS,
        "thriftstore.kafka.retry.initial-interval=100ms",
        "thriftstore.kafka.retry.multiplier=2",
        "thriftstore.kafka.retry.max-interval=400ms",
        "thriftstore.kafka.retry.transient-failures.initial-interval=100ms",
        "thriftstore.kafka.retry.transient-failures.multiplier=2",
        "thriftstore.kafka.retry.transient-failures.max-interval=500ms",
        "thriftstore.kafka.retry.transient-failures.max-elapsed-time=20s",
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
@Import(KafkaIntegrationTest.Listeners.class)
abstract class KafkaIntegrationTest {

    static final String PREFIX = "kafka-it.";
    /** Not the default (3), so the tests show that the setting is used. */
    static final int PARTITIONS = 2;
    static final int ATTEMPTS = 3;
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    RecordingListener listener;

    @Autowired
    MeterRegistry meterRegistry;

    static String topic(String name) {
        return PREFIX + name;
    }

    static String dlt(String name) {
        return Topics.deadLetterTopicOf(topic(name));
    }

    static String uniqueKey(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    double deadLetterCount(String topic, String exception) {
        Counter counter = meterRegistry.find(DeadLetterPublisher.METRIC)
                .tags("topic", topic, "exception", exception)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits for the first record of {@code topic} (read from the start, raw bytes) that matches. */
    ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> matching) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> readAll(topic).stream().filter(matching).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
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

    @TestConfiguration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }

    /**
     * A listener on every platform topic, through Boot's default container factory and so the
     * platform's error policy. Tests choose per event id whether it fails.
     */
    static class RecordingListener {

        final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<UUID, ConsumerRecord<String, EventEnvelope<EventData>>> processed = new ConcurrentHashMap<>();
        final Set<UUID> failing = ConcurrentHashMap.newKeySet();
        final Set<UUID> invalid = ConcurrentHashMap.newKeySet();
        final Set<UUID> refused = ConcurrentHashMap.newKeySet();
        /** Per record key: until when the listener's store is down for records of that key. */
        final Map<String, Instant> storeDownUntil = new ConcurrentHashMap<>();
        final List<UUID> processedInOrder = new CopyOnWriteArrayList<>();

        @KafkaListener(id = "kafka-it-recorder", topics = {
                "#{@topics.name('order-events')}", "#{@topics.name('product-events')}",
                "#{@topics.name('wishlist-events')}", "#{@topics.name('chat-messages')}",
                "#{@topics.name('notification-events')}"})
        void on(ConsumerRecord<String, EventEnvelope<EventData>> record) {
            UUID id = record.value().id();
            attempts.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
            if (failing.contains(id)) {
                throw new IllegalStateException("simulated outage while handling " + id);
            }
            if (invalid.contains(id)) {
                throw new ValidationException("simulated invalid payload in " + id);
            }
            if (refused.contains(id)) {
                throw new IllegalArgumentException("simulated unknown product in " + id);
            }
            Instant downUntil = storeDownUntil.get(record.key());
            if (downUntil != null && Instant.now().isBefore(downUntil)) {
                // What a JPA listener gets from Spring while HikariCP cannot reach PostgreSQL.
                throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms"));
            }
            processed.put(id, record);
            processedInOrder.add(id);
        }

        int attemptsOf(UUID id) {
            AtomicInteger count = attempts.get(id);
            return count == null ? 0 : count.get();
        }
    }
}
