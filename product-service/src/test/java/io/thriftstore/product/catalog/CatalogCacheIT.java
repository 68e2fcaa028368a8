package io.thriftstore.product.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.thriftstore.product.Orders;
import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.TestUser;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.testing.Api;
import io.thriftstore.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.thriftstore.product.Listings.ids;
import static io.thriftstore.product.Listings.list;
import static io.thriftstore.product.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The catalog's read cache as shoppers and sellers meet it: whatever is written through this instance shows in the
 * very next read; the owner's own list of archived items is never served from (or into) the shared cache; repeated
 * public reads are answered from it. Another instance's changes: TwoInstancesIT.
 */
@ProductServiceIT
class CatalogCacheIT {

    @LocalServerPort
    int port;

    @Autowired
    Orders orders;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestInfrastructure infrastructure;

    Api api;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aNewListingAndItsChangesShowInTheVeryNextListsAndReads() {
        String bySeller = "/api/products?sellerId=" + seller.id();
        assertThat(ids(api.get(bySeller, null))).isEmpty(); // now cached, empty
        ids(api.get("/api/products?size=5", null)); // the front page, cached

        String id = list(api, seller, "name", "Walnut desk");

        assertThat(ids(api.get(bySeller, null))).containsExactly(id);
        assertThat(ids(api.get("/api/products?size=5", null))).contains(id);
        assertThat(api.get(bySeller, null).json().path("page").path("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get("/api/products/" + id, null).json().path("name").asString()).isEqualTo("Walnut desk");

        assertThat(api.patch("/api/products/" + id, seller.bearer(), Map.of("name", "Oak desk")).status()).isEqualTo(200);
        assertThat(api.get("/api/products/" + id, null).json().path("name").asString()).isEqualTo("Oak desk");
        assertThat(api.get(bySeller, null).json().path("content").path(0).path("name").asString()).isEqualTo("Oak desk");

        assertThat(api.delete("/api/products/" + id, seller.bearer()).status()).isEqualTo(200);
        assertThat(ids(api.get(bySeller, null))).isEmpty();
        assertThat(api.get(bySeller, null).json().path("page").path("totalElements").asLong()).isZero();
        assertThat(api.get("/api/products/" + id, null).json().path("status").asString()).isEqualTo("ARCHIVED");
    }

    @Test
    void stockTakenByAnOrderShowsInTheNextRead() {
        String id = list(api, seller, "quantity", 1);
        assertThat(api.get("/api/products/" + id, null).json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(api.get("/api/products?sellerId=" + seller.id(), null).json().path("content").path(0)
            .path("quantity").asInt()).isEqualTo(1);

        orders.place(line(id, 1));
        orders.awaitAllConsumed();

        assertThat(api.get("/api/products/" + id, null).json().path("status").asString()).isEqualTo("SOLD_OUT");
        assertThat(api.get("/api/products?sellerId=" + seller.id(), null).json().path("content").path(0)
            .path("quantity").asInt()).isZero();
    }

    @Test
    void anOwnersListOfArchivedItemsIsNeitherSharedNorCached() {
        String id = list(api, seller, "name", "Old lamp");
        api.delete("/api/products/" + id, seller.bearer());
        String archived = "/api/products?sellerId=" + seller.id() + "&status=ARCHIVED";
        assertThat(ids(api.get(archived, seller.bearer()))).containsExactly(id);

        // The very same URL, asked by anyone else, is refused: nothing the owner was shown is handed on.
        assertThat(api.get(archived, TestUser.named("Stranger").bearer()).status()).isEqualTo(403);
        assertThat(api.get(archived, null).status()).isEqualTo(401);

        // A change that no instance hears of (written behind the service's back) shows at once: not cached.
        mongo.updateFirst(Query.query(where("_id").is(new ObjectId(id))), new Update().set("name", "Renamed lamp"),
            Product.class);
        assertThat(api.get(archived, seller.bearer()).json().path("content").path(0).path("name").asString())
            .isEqualTo("Renamed lamp");
    }

    @Test
    void repeatedPublicReadsAreAnsweredFromTheCacheAndEveryPageSharesOneCount() {
        String bySeller = "/api/products?size=1&sellerId=" + seller.id();
        String id = list(api, seller);
        list(api, seller);
        list(api, seller);

        // Retried: a product event arriving between two reads (this test's own listings, or another test's) rightly
        // drops the cache, and the pair of reads is then tried again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double pageHits = hits("catalog.pages");
            double countHits = hits("catalog.counts");
            double productHits = hits("catalog.products");
            assertThat(api.get(bySeller, null).json().path("page").path("totalElements").asLong()).isEqualTo(3);
            assertThat(api.get(bySeller + "&page=1", null).json().path("page").path("totalElements").asLong()).isEqualTo(3);
            assertThat(api.get(bySeller, null).json().path("page").path("totalElements").asLong()).isEqualTo(3);
            assertThat(api.get("/api/products/" + id, null).status()).isEqualTo(200);
            assertThat(api.get("/api/products/" + id, null).status()).isEqualTo(200);
            assertThat(hits("catalog.pages")).as("the same page asked twice").isGreaterThan(pageHits);
            assertThat(hits("catalog.counts")).as("page 1 after page 0").isGreaterThan(countHits);
            assertThat(hits("catalog.products")).as("the same product read twice").isGreaterThan(productHits);
        });
    }

    @Test
    void aProductEventNoOneCanDecodeIsNotDeadLetteredByEveryInstancesCache() {
        String topic = infrastructure.topic(Topics.PRODUCT_EVENTS);
        String key = "undecodable-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "{not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // The cache's listener reads bytes: it neither fails on the record nor sends it to the DLT (the services that
        // consume product-events do that, once each, not once per product-service instance).
        String id = list(api, seller, "name", "After the bad record");
        assertThat(api.get("/api/products/" + id, null).json().path("name").asString()).isEqualTo("After the bad record");
        Map<String, Object> reading = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "dlt-check-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(reading, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetterTopicOf(topic)));
            // Dead letters name the consumer group that gave up (this test's own event reader is one such consumer).
            List<String> groups = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    Header group = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
                    if (key.equals(record.key())) {
                        groups.add(group == null ? "?" : new String(group.value(), StandardCharsets.UTF_8));
                    }
                });
            }
            assertThat(groups).as("the groups that dead-lettered it").isNotEmpty().noneMatch(group -> group.contains("catalog-cache"));
        }
    }

    private double hits(String cache) {
        return meters.get("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter().count();
    }
}
