package io.thriftstore.e2e;

import static io.thriftstore.e2e.Platform.NOTIFICATION;
import static io.thriftstore.e2e.Platform.ORDER;
import static io.thriftstore.e2e.Platform.PRODUCT;
import static io.thriftstore.e2e.Platform.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One trace from {@code POST /api/orders} to the seller's frame, as an operator would follow it: the order is
 * placed with a W3C {@code traceparent}, and that trace id shows up in the JSON log lines of order-service (the
 * request), consumer-service (order-events, through the outbox relay's header) and notification-service (the
 * notification-events listener and the STOMP push), read from the log files {@code ./thriftstore up} writes.
 */
@Order(2)
class TracingIT {

    static final String NOTIFICATIONS = "/user/queue/notifications";

    @BeforeAll
    static void platform() throws Exception {
        Platform.start();
    }

    @Test
    void anOrderPlacedWithATraceparentLeavesItsTraceIdInTheJsonLogsOfEveryServiceOnItsWayToTheSeller()
            throws Exception {
        String sellerId = "user_tess_" + UUID.randomUUID().toString().substring(0, 8);
        String buyerId = "user_tom_" + UUID.randomUUID().toString().substring(0, 8);
        String seller = Platform.token(sellerId, "Tess");
        String buyer = Platform.token(buyerId, "Tom");
        String traceId = randomHex(16);
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";

        try (StompProbe sellerLive = StompProbe.connect(Platform.ws(NOTIFICATION), seller).subscribe(NOTIFICATIONS)) {
            Platform.Response listed = call("POST", PRODUCT, "/api/products", seller, """
                    {"name":"Traced brass compass","description":"Points north, reliably.","price":12.00,
                     "category":"other","condition":"GOOD","quantity":1}""");
            assertThat(listed.status()).as(listed.body()).isEqualTo(201);
            String productId = listed.json().path("id").asString();

            Platform.Response placed = call("POST", ORDER, "/api/orders", buyer,
                    "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}",
                    Map.of("traceparent", traceparent));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String orderId = placed.json().path("id").asString();
            sellerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("ORDER_RECEIVED")
                    && n.path("link").asString().equals("/orders/" + orderId));

            List<JsonNode> ordered = awaitTraceLines("order-service", traceId);
            assertThat(ordered).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("Order " + orderId + " placed"));
            List<JsonNode> decided = awaitTraceLines("consumer-service", traceId);
            assertThat(decided).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("ORDER_RECEIVED for " + sellerId));
            List<JsonNode> delivered = awaitTraceLines("notification-service", traceId);
            assertThat(delivered).anySatisfy(line -> assertThat(line.path("message").asString())
                    .contains("ORDER_RECEIVED").contains("pushed to the sessions of " + sellerId));
            for (JsonNode line : concat(ordered, decided, delivered)) {
                assertThat(line.path("spanId").asString()).as("spanId of %s", line).matches("[0-9a-f]{16}");
                assertThat(line.path("log").path("level").asString()).isNotEmpty();
            }
        }
    }

    /** The JSON lines of a service's log file that carry this trace id, once there is at least one. */
    private static List<JsonNode> awaitTraceLines(String service, String traceId) {
        Path log = Platform.DATA.resolve("logs").resolve(service + ".log");
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> jsonLines(log).stream()
                        .filter(line -> traceId.equals(line.path("traceId").asString())).toList(),
                        lines -> !lines.isEmpty());
    }

    /** Every line of the file that is a JSON object (the JVM itself may write a plain warning line). */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("{"))
                .map(TracingIT::parse)
                .filter(node -> node != null)
                .toList();
    }

    private static JsonNode parse(String line) {
        try {
            return Platform.JSON.readTree(line);
        } catch (JacksonException partial) {
            return null; // the line being written right now
        }
    }

    @SafeVarargs
    private static List<JsonNode> concat(List<JsonNode>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
