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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.thriftstore.product.Listings.list;
import static io.thriftstore.product.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one database and one consumer group, as behind a load balancer:
 * they share the orders, relay every event once, and never oversell.
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
        secondInstance = new SpringApplicationBuilder(ProductServiceApplication.class).run(
            "--server.port=0",
            "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(),
            "--spring.mongodb.database=" + infrastructure.mongoDatabase(),
            "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
            "--thriftstore.kafka.topic-prefix=" + infrastructure.topicPrefix(),
            "--thriftstore.auth.mode=dev",
            "--thriftstore.auth.public-key-location=" + infrastructure.publicKeyLocation(),
            "--thriftstore.rate-limit.writes-per-minute=100000",
            "--logging.level.org.apache.kafka=WARN",
            "--logging.level.org.apache.kafka.clients.NetworkClient=ERROR");
        first = new Api(port);
        second = new Api(((WebServerApplicationContext) secondInstance).getWebServer().getPort());
    }

    @AfterEach
    void stopTheSecondInstance() {
        secondInstance.close();
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
        assertThat(first.get("/api/products/" + productId, null).json().path("name").asString())
            .isEqualTo("Renamed on the second instance");
        published.awaitOne(EventType.PRODUCT_UPDATED, ProductEvent.class,
            event -> event.id().equals(productId) && event.name().startsWith("Renamed"));
        published.awaitQuiet();
        assertThat(published.envelopes(EventType.PRODUCT_UPDATED, ProductEvent.class, event -> event.id().equals(productId)))
            .extracting(envelope -> ((ProductEvent) envelope.data()).version())
            .as("every change published once, in order").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }
}
