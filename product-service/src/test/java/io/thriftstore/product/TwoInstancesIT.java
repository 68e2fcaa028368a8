package io.thriftstore.product;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.thriftstore.product.Listings.ids;
import static io.thriftstore.product.Listings.list;
import static io.thriftstore.product.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one database and one consumer group, as behind a load balancer:
 * they share the orders, relay every event once, never oversell, and each one's cached reads show the other's changes.
 */
@ProductServiceIT
class TwoInstancesIT {

    @LocalServerPort
    int port;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    Orders orders;

    @Autowired
    PublishedEvents published;

    ConfigurableApplicationContext secondInstance;
    Api first;
    Api second;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void startASecondInstance() {
        // Arguments, so that they win over application.properties as the environment would in production.
        secondInstance = new SpringApplicationBuilder(ProductServiceApplication.class).run(infrastructure.secondInstanceArguments(
            "--thriftstore.rate-limit.writes-per-minute=100000",
            // Its catalog cache never expires during a test: whatever of the first instance's changes shows here was
            // carried by product-events (CatalogCacheInvalidation), not by the TTL that bounds it in production.
            "--thriftstore.product.cache.ttl=1h"));
        first = new Api(port);
        second = new Api(((WebServerApplicationContext) secondInstance).getWebServer().getPort());
    }

    @AfterEach
    void stopTheSecondInstance() {
        secondInstance.close();
    }

    /**
     * How soon one instance's cached reads show another instance's change: the event's relay (woken by the write) and
     * one Kafka hop, typically well under a second; generous here for a loaded machine. In production the cache's
     * TTL (2 s) bounds it even when the event is late.
     */
    static final Duration CROSS_INSTANCE = Duration.ofSeconds(20);

    @Test
    void aChangeOnOneInstanceReachesTheOtherInstancesCachedReadsThroughProductEvents() {
        listening(secondInstance);
        String bySeller = "/api/products?sellerId=" + seller.id();
        String productId = list(first, seller, "name", "Blue vase");
        // Cached on the second instance (for an hour, see its start arguments).
        assertThat(second.get("/api/products/" + productId, null).json().path("name").asString()).isEqualTo("Blue vase");
        assertThat(ids(second.get(bySeller, null))).containsExactly(productId);
        assertThat(ids(second.get("/api/products?sellerId=" + seller.id() + "&sort=price_asc", null))).containsExactly(productId);

        first.patch("/api/products/" + productId, seller.bearer(), Map.of("name", "Green vase"));
        await().atMost(CROSS_INSTANCE).untilAsserted(() -> {
            assertThat(second.get("/api/products/" + productId, null).json().path("name").asString()).isEqualTo("Green vase");
            assertThat(second.get(bySeller, null).json().path("content").path(0).path("name").asString()).isEqualTo("Green vase");
        });

        String another = list(first, seller, "name", "Red vase");
        first.delete("/api/products/" + productId, seller.bearer());
        await().atMost(CROSS_INSTANCE).untilAsserted(() -> {
            assertThat(ids(second.get(bySeller, null))).containsExactly(another);
            assertThat(ids(second.get("/api/products?sellerId=" + seller.id() + "&sort=price_asc", null)))
                .containsExactly(another);
            assertThat(second.get("/api/products/" + productId, null).json().path("status").asString()).isEqualTo("ARCHIVED");
        });
    }

    /** The instance reads product-events from the latest record on: only what comes after its partitions are assigned. */
    private static void listening(ConfigurableApplicationContext instance) {
        var container = instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("catalog-cache");
        await().atMost(Duration.ofSeconds(60)).until(() -> container != null && container.getAssignedPartitions() != null
            && !container.getAssignedPartitions().isEmpty());
    }

    @Test
    void bothInstancesServeTheSameCatalogAndNeitherOversells() {
        String productId = list(second, seller, "quantity", 10);
        assertThat(first.get("/api/products/" + productId, null).json().path("quantity").asInt()).isEqualTo(10);

        List<String> orderIds = IntStream.range(0, 50).mapToObj(i -> orders.place(line(productId, 1))).toList();

        Set<String> ours = Set.copyOf(orderIds);
        published.awaitCount(50, null, InventoryEvent.class, answer -> ours.contains(answer.orderId()), Duration.ofSeconds(90));
        assertThat(published.of(EventType.INVENTORY_RESERVED, InventoryEvent.class, answer -> ours.contains(answer.orderId())))
            .hasSize(10);
        assertThat(second.get("/api/products/" + productId, null).json().path("quantity").asInt()).isZero();

        second.patch("/api/products/" + productId, seller.bearer(), Map.of("name", "Renamed on the second instance"));
        // The first instance may have the product cached: it hears of the change on product-events (CatalogCacheIT).
        await().atMost(CROSS_INSTANCE).untilAsserted(() -> assertThat(first.get("/api/products/" + productId, null)
            .json().path("name").asString()).isEqualTo("Renamed on the second instance"));
        published.awaitOne(EventType.PRODUCT_UPDATED, ProductEvent.class,
            event -> event.id().equals(productId) && event.name().startsWith("Renamed"));
        published.awaitQuiet();
        assertThat(published.envelopes(EventType.PRODUCT_UPDATED, ProductEvent.class, event -> event.id().equals(productId)))
            .extracting(envelope -> ((ProductEvent) envelope.data()).version())
            .as("the sell-out (the tenth sale; plain sales announce nothing) and the rename, each once, in order")
            .containsExactly(10L, 11L);
    }
}
