package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;
import io.thriftstore.testing.TestTokens;

/**
 * The one Spring context of this module's integration tests: the service on a random port against the real
 * PostgreSQL and Kafka servers, and a stand-in of product-service's hold endpoint (a real HTTP server). Every test class extends this, so the context starts once per
 * JVM; tests keep apart by using their own users and products.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // The tests write much faster than a person; the limit itself is platform-commons' to test.
    "thriftstore.rate-limit.writes-per-minute=1000000",
    "spring.kafka.producer.properties.linger.ms=0",
    "thriftstore.outbox.send-timeout=2s",
    "thriftstore.order.timeout-check-interval=300ms",
    "resilience4j.retry.instances.catalog.wait-duration=20ms",
    "thriftstore.catalog.read-timeout=500ms",
    "thriftstore.catalog.service-key=" + FakeCatalog.SERVICE_KEY,
    "resilience4j.circuitbreaker.instances.catalog.wait-duration-in-open-state=1s",
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
@Import(OrderEventsRecorder.class)
abstract class OrderServiceIntegrationTest {

    static final FakeCatalog CATALOG = FakeCatalog.startOnFreePort();

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        registry.add("thriftstore.catalog.url", CATALOG::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    OrderEventsRecorder events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestInfrastructure infrastructure;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** A fresh user id (and its bearer token with {@link #bearer}). */
    static String user(String name) {
        return "user_" + name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String bearer(String userId) {
        return TestTokens.bearer(userId, displayName(userId));
    }

    static String displayName(String userId) {
        return "Name of " + userId;
    }

    /** A product of {@code sellerId} in the catalog, {@code quantity} in stock. */
    static String product(String sellerId, String price, int quantity) {
        String id = "p-" + UUID.randomUUID();
        CATALOG.put(id, sellerId, displayName(sellerId), "Item " + id.substring(2, 8), price, quantity, "ACTIVE");
        return id;
    }

    /**
     * Sets an order's stored status as an older version of the service could have left it (PENDING was the status
     * of a new order before buy-in-one-step; REJECTED the answer to a failed reservation).
     */
    void storedAs(String orderId, String status) {
        jdbc.update("UPDATE orders SET status = ? WHERE id = ?::uuid", status, orderId);
    }

    static Map<String, Object> orderOf(String productId, int quantity) {
        return Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity)));
    }

    Api.Response place(String buyerId, String productId, int quantity) {
        Api.Response placed = api.post("/api/orders", bearer(buyerId), orderOf(productId, quantity));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed;
    }

    Api.Response awaitStatus(String orderId, String userId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .until(() -> api.get("/api/orders/" + orderId, bearer(userId)).json().path("status").asString().equals(status));
        return api.get("/api/orders/" + orderId, bearer(userId));
    }

    long ordersOf(String buyerId) {
        return jdbc.queryForObject("SELECT count(*) FROM orders WHERE buyer_id = ?", Long.class, buyerId);
    }
}
