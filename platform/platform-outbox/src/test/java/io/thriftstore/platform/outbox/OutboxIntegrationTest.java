package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.thriftstore.platform.events.EventCodec;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.outbox.OutboxTestApplication.Things;
import io.thriftstore.platform.outbox.OutboxTestApplication.WishCounter;
import io.thriftstore.testing.RealInfrastructure;

/**
 * The one Spring context of this module's integration tests (every subclass has exactly this
 * configuration, so the context, its database and its topic prefix are shared). Tests keep
 * apart by key: each uses owners of its own.
 */
@SpringBootTest(classes = OutboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=outbox-test",
        "thriftstore.outbox.poll-interval=100ms",
        // Short enough that an outage shows in a few seconds, long enough for a loaded machine.
        "thriftstore.outbox.send-timeout=3s",
        "thriftstore.outbox.backoff.initial=200ms",
        "thriftstore.outbox.backoff.max=1s",
        "thriftstore.kafka.retry.initial-interval=100ms",
        "thriftstore.kafka.retry.max-interval=200ms",
        "thriftstore.auth.enabled=false",
        // Spring Data MongoDB is on this module's test classpath for MongoOutboxStoreIT: this is the PostgreSQL service.
        "spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
                + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
})
@RealInfrastructure(mongo = false)
abstract class OutboxIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    Things things;

    @Autowired
    WishCounter wishCounter;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxTable outboxTable;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Topics topics;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    KafkaConnectionDetails kafka;

    String wishlistTopic() {
        return topics.of(EventType.WISHLIST_ITEM_ADDED);
    }

    static String uniqueOwner(String kind) {
        return "user_" + kind + "-" + UUID.randomUUID();
    }

    static List<String> owners(String kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> uniqueOwner(kind + "-" + i)).toList();
    }

    /**
     * One writer thread per owner, each committing its owner's events one transaction after the
     * other, all at the same time, so that the outbox positions of the owners interleave.
     *
     * @return the ids written, per owner, in commit order
     */
    Map<String, List<UUID>> writeConcurrently(List<String> owners, int perOwner) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(owners.size());
        try {
            Map<String, Future<List<UUID>>> futures = new LinkedHashMap<>();
            for (String owner : owners) {
                futures.put(owner, writers.submit(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int n = 0; n < perOwner; n++) {
                        ids.add(things.add(owner, "item-" + n).id());
                    }
                    return ids;
                }));
            }
            Map<String, List<UUID>> written = new LinkedHashMap<>();
            for (Map.Entry<String, Future<List<UUID>>> entry : futures.entrySet()) {
                written.put(entry.getKey(), entry.getValue().get());
            }
            return written;
        } finally {
            writers.shutdownNow();
        }
    }

    /** Every record of the wishlist topic with one of these keys, in the order of each partition. */
    List<ConsumerRecord<String, byte[]>> recordsFor(Set<String> keys) {
        return readAll(wishlistTopic()).stream().filter(record -> keys.contains(record.key())).toList();
    }

    /** Waits until records with {@code count} distinct event ids of these keys are on the wishlist topic. */
    List<ConsumerRecord<String, byte[]>> awaitEvents(Set<String> keys, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> recordsFor(keys), records -> records.stream().map(TopicRecords::eventId)
                        .distinct().count() >= count);
    }

    ConsumerRecord<String, byte[]> awaitRecord(Predicate<ConsumerRecord<String, byte[]>> matching) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> readAll(wishlistTopic()).stream().filter(matching).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }



    static void assertNoEventTwice(List<ConsumerRecord<String, byte[]>> records) {
        List<UUID> ids = records.stream().map(TopicRecords::eventId).toList();
        assertThat(ids).as("event ids on the topic").doesNotHaveDuplicates();
    }

    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicRecords.readAll(String.join(",", kafka.getBootstrapServers()), topic);
    }

    static EventEnvelope<EventData> decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value());
    }

    double counter(String name) {
        var counter = meterRegistry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    double gauge(String name) {
        return meterRegistry.get(name).gauge().value();
    }
}
