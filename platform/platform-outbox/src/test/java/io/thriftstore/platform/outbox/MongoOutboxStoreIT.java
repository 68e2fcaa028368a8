package io.thriftstore.platform.outbox;

import io.thriftstore.testing.TopicRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.tracing.TraceParents;
import io.thriftstore.testing.Infrastructure;

/**
 * The MongoDB store under the one relay, against the MongoDB stand-in and the Kafka broker of the other
 * tests: events pushed into documents reach Kafka in per-document (per-key) order, leave their documents
 * once acknowledged, and of two instances' relays only the lease holder sends.
 */
class MongoOutboxStoreIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static MongoClient client;
    static MongoTemplate mongo;
    static Topics topics;
    static KafkaProperties kafkaProperties;
    static OutboxProperties properties = new OutboxProperties(new OutboxProperties.Relay(true), Duration.ofMillis(100),
            100, Duration.ofSeconds(3), new OutboxProperties.Backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1)),
            Duration.ofHours(24), Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofSeconds(10));

    @BeforeAll
    static void connect() throws Exception {
        String id = "mo" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(Infrastructure.mongo().connectionString());
        mongo = new MongoTemplate(client, id);
        topics = new Topics(id + "-");
        kafkaProperties = new KafkaProperties();
        kafkaProperties.setBootstrapServers(List.of(Infrastructure.kafka().bootstrapServers()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic(), 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /** Each test its own collection, and one lease name for the stores (instances) of a test. */
    final String collection = "things_" + UUID.randomUUID().toString().substring(0, 8);
    final String leaseName = "relay-" + UUID.randomUUID();

    @Test
    void eachDocumentsEventsReachKafkaInTheOrderTheyWerePushedAndThenLeaveIt() {
        MongoOutboxStore store = store();
        List<String> owners = owners(3);
        Map<String, List<UUID>> written = new LinkedHashMap<>();
        // Interleaved across documents: one update per event, as the writes of a service would come.
        for (int n = 0; n < 20; n++) {
            for (String owner : owners) {
                written.computeIfAbsent(owner, key -> new ArrayList<>()).add(push(store, owner, "item-" + n));
            }
        }
        assertThat(store.backlog().pending()).isEqualTo(60);

        OutboxRelay relay = relay(store, new SimpleMeterRegistry());
        await().atMost(WAIT).until(() -> relay.relayOnce(false).published() == 0 && store.backlog().pending() == 0);

        List<ConsumerRecord<String, byte[]>> records = awaitEvents(Set.copyOf(owners), 60);
        assertThat(TopicRecords.firstArrivalsByKey(records)).isEqualTo(written);
        assertThat(records.stream().map(TopicRecords::eventId).toList()).doesNotHaveDuplicates();
        for (String owner : owners) {
            Document document = mongo.findById(owner, Document.class, collection);
            assertThat(document.getList(MongoOutbox.FIELD, Document.class)).isEmpty();
            assertThat(document).doesNotContainKey(MongoOutbox.SINCE);
        }
        assertThat(store.backlog()).isEqualTo(new OutboxStore.Backlog(0, 0));
    }

    @Test
    void markingSentKeepsAnEventPushedMeanwhileAndTheDocumentFindable() {
        MongoOutboxStore store = store();
        String owner = owners(1).get(0);
        push(store, owner, "first");
        List<OutboxStore.StoredEvent> read = store.pending(100, false).events().stream()
                .filter(event -> owner.equals(event.key())).toList();
        UUID later = push(store, owner, "second");

        store.markSent(read);

        Document document = mongo.findById(owner, Document.class, collection);
        assertThat(document.getList(MongoOutbox.FIELD, Document.class)).extracting(event -> event.getString("eventId"))
                .containsExactly(later.toString());
        assertThat(document).containsKey(MongoOutbox.SINCE);
        assertThat(store.pending(100, false).events()).extracting(OutboxStore.StoredEvent::key).contains(owner);
    }

    @Test
    void ofTwoInstancesRelaysOnlyTheLeaseHolderSends() {
        MongoOutboxStore first = store();
        MongoOutboxStore second = store();
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        OutboxRelay firstRelay = relay(first, firstMeters);
        OutboxRelay secondRelay = relay(second, secondMeters);
        String owner = owners(1).get(0);
        push(first, owner, "while-held");

        // While the first instance is in a round, the second one's round is refused and sends nothing.
        AtomicReference<OutboxRelay.Round> secondsRound = new AtomicReference<>();
        Optional<Boolean> held = first.asOnlyRelay(() -> {
            secondsRound.set(secondRelay.relayOnce(false));
            return true;
        });
        assertThat(held).contains(true);
        assertThat(secondsRound.get().lockedElsewhere()).isTrue();
        assertThat(secondsRound.get().published()).isZero();

        // Both relays running side by side: every event once, all from the one that holds the lease.
        firstRelay.start();
        secondRelay.start();
        try {
            List<String> owners = owners(3);
            for (int n = 0; n < 10; n++) {
                for (String each : owners) {
                    push(n % 2 == 0 ? first : second, each, "item-" + n);
                }
            }
            List<ConsumerRecord<String, byte[]>> records = awaitEvents(Set.copyOf(owners), 30);
            assertThat(records.stream().map(TopicRecords::eventId).toList()).doesNotHaveDuplicates();
            await().atMost(WAIT).until(() -> published(firstMeters) + published(secondMeters) == 31);
            assertThat(List.of(published(firstMeters), published(secondMeters))).containsAnyOf(0.0).contains(31.0);
        } finally {
            firstRelay.stop();
            secondRelay.stop();
        }
    }

    @Test
    void aWokenRoundReadsOnlyTheDocumentsJustWritten() {
        MongoOutboxStore store = store();
        String untold = owners(1).get(0);
        String told = owners(1).get(0);
        push(store, untold, "not named");
        push(store, told, "named");
        store.written(collection, told);

        assertThat(store.pending(100, true).events()).extracting(OutboxStore.StoredEvent::key).containsExactly(told);
        assertThat(store.pending(100, true).events()).as("each write is named once").isEmpty();
        assertThat(store.pending(100, false).events()).extracting(OutboxStore.StoredEvent::key).contains(untold, told);
    }

    @Test
    void anEventThisBuildCannotReadHoldsBackTheLaterEventsOfItsDocumentOnly() {
        MongoOutboxStore store = store();
        String stuck = owners(1).get(0);
        String fine = owners(1).get(0);
        Document unreadable = new Document("eventId", UUID.randomUUID().toString()).append("type", "some.future.type")
                .append("envelope", "{\"specversion\":\"1.0\",\"type\":\"some.future.type\"}");
        mongo.upsert(Query.query(where("_id").is(stuck)), new Update().push(MongoOutbox.FIELD, unreadable)
                .min(MongoOutbox.SINCE, new java.util.Date()), collection);
        push(store, stuck, "after the unreadable one");
        push(store, fine, "readable");

        List<OutboxStore.StoredEvent> events = store.pending(100, false).events();

        assertThat(events).extracting(OutboxStore.StoredEvent::key).contains(fine).doesNotContain(stuck);
    }

    // --- helpers ---

    MongoOutboxStore store() {
        MongoOutboxStore store = new MongoOutboxStore(mongo, List.of(new OutboxCollection(collection)),
                new MongoLease(mongo, leaseName, Clock.systemUTC(), properties.leaseTtl()), topics,
                Clock.systemUTC());
        store.createIndexes();
        return store;
    }

    OutboxRelay relay(MongoOutboxStore store, SimpleMeterRegistry registry) {
        return new OutboxRelay(store, OutboxAutoConfiguration.relayProducers(kafkaProperties, null, properties,
                "mongo-outbox-it"), properties, new OutboxMetrics(store, registry));
    }

    /** Pushes one wishlist event for {@code owner} into the owner's document (created if need be); its id. */
    UUID push(MongoOutboxStore store, String owner, String name) {
        MongoOutbox outbox = new MongoOutbox(store, () -> null, new TraceParents(Tracer.NOOP, Propagator.NOOP));
        EventEnvelope<WishlistEvent> event = EventEnvelope.of(EventType.WISHLIST_ITEM_ADDED, "mongo-outbox-it",
                new WishlistEvent(owner, "product-" + name, name, "user_seller", Instant.now()));
        Update update = outbox.push(new Update().set("name", name), Instant.now(), event);
        mongo.upsert(Query.query(where("_id").is(owner)), update, collection);
        return event.id();
    }

    static List<String> owners(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "user_" + UUID.randomUUID()).toList();
    }

    static String topic() {
        return topics.of(EventType.WISHLIST_ITEM_ADDED);
    }

    static double published(SimpleMeterRegistry registry) {
        return registry.counter("outbox.published").count();
    }

    List<ConsumerRecord<String, byte[]>> awaitEvents(Set<String> keys, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> readAll().stream().filter(record -> keys.contains(record.key())).toList(),
                        records -> records.stream().map(TopicRecords::eventId).distinct().count() >= count);
    }



    static List<ConsumerRecord<String, byte[]>> readAll() {
        return TopicRecords.readAll(Infrastructure.kafka().bootstrapServers(), topic());
    }
}
