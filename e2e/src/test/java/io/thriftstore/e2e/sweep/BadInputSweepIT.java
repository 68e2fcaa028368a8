package io.thriftstore.e2e.sweep;

import static io.thriftstore.e2e.Platform.CHAT;
import static io.thriftstore.e2e.Platform.INSIGHTS;
import static io.thriftstore.e2e.Platform.NOTIFICATION;
import static io.thriftstore.e2e.Platform.ORDER;
import static io.thriftstore.e2e.Platform.PRODUCT;
import static io.thriftstore.e2e.Platform.WISHLIST;
import static io.thriftstore.e2e.Platform.WS_CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.thriftstore.e2e.Platform;
import io.thriftstore.e2e.StompProbe;
import io.thriftstore.devtools.tokens.DevTokens;
import io.thriftstore.testing.stomp.RawStomp;
import tools.jackson.databind.JsonNode;

/**
 * Issue #10's bad-input sweep: every operation each service documents in its OpenAPI document
 * gets bad tokens, boundary and random parameter values, broken bodies and wrong content types;
 * both live channels get malformed STOMP frames beside a healthy client. The sweep runs once
 * (seeded, so every run sends the same requests); each test asserts one promise of DESIGN.md
 * section 5 over all answers and lists every request that breaks it.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputSweepIT {

    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("product-service", PRODUCT);
        SERVICES.put("wishlist-service", WISHLIST);
        SERVICES.put("chat-service", CHAT);
        SERVICES.put("consumer-service", INSIGHTS);
        SERVICES.put("order-service", ORDER);
        SERVICES.put("ws-chat-service", WS_CHAT);
        SERVICES.put("notification-service", NOTIFICATION);
    }

    /** Traces and internal type names: what an attacker learns the stack from. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]*\\.java:\\d+\\)"
            + "|\\b(java|javax|jakarta|sun|org\\.springframework|org\\.apache|org\\.hibernate|org\\.postgresql"
            + "|tools\\.jackson|com\\.fasterxml|com\\.mongodb|io\\.thriftstore)\\.[a-z][\\w$]*\\.[\\w$.]+"
            + "|\\b[A-Z][a-z]\\w*Exception\\b");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<HttpSweep.Exchange> EXCHANGES = new ArrayList<>();

    @BeforeAll
    static void sweep() throws Exception {
        Platform.start();
        long started = System.nanoTime();
        HttpSweep sweep = new HttpSweep();
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            HttpResponse<String> docs = get(Platform.uri(service.getValue(), "/v3/api-docs"));
            assertThat(docs.statusCode()).as(service.getKey() + " serves its OpenAPI document").isEqualTo(200);
            List<ApiOperations.Operation> operations = ApiOperations.read(Platform.JSON.readTree(docs.body())).stream()
                    // Spring Boot's error endpoint is documented by springdoc but is no API of ours
                    .filter(operation -> !operation.path().equals("/error"))
                    .toList();
            List<HttpSweep.Exchange> exchanges = sweep.sweep(service.getKey(), service.getValue(), operations);
            EXCHANGES.addAll(exchanges);
            System.out.printf("bad-input sweep: %-21s %3d operations, %5d requests%n", service.getKey(), operations.size(), exchanges.size());
        }
        System.out.printf("bad-input sweep: %d requests in %d s (seed %d), answers by status %s%n", EXCHANGES.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), BadValues.SEED,
                EXCHANGES.stream().collect(Collectors.groupingBy(HttpSweep.Exchange::status, java.util.TreeMap::new, Collectors.counting())));
    }

    @Test
    @Order(1)
    void noBadRequestMakesAServiceFailOrDropTheConnection() {
        assertThat(EXCHANGES).isNotEmpty();
        assertNone("answered 5xx or not at all", e -> e.status() >= 500);
    }

    @Test
    @Order(2)
    void everyRefusalIsAProblemWithTypeTitleAndStatus() {
        assertNone("4xx without a problem+json body carrying type, title and status",
                e -> e.status() >= 400 && e.status() < 500 && !isProblem(e));
    }

    @Test
    @Order(3)
    void noAnswerShowsAStackTraceOrAnInternalClassName() {
        assertNone("leaks internals", e -> INTERNALS.matcher(e.body()).find());
    }

    @Test
    @Order(4)
    void everyBadTokenIsRefusedWith401() {
        assertThat(EXCHANGES).anyMatch(e -> e.request().mustBe401());
        assertNone("a bad token that was not refused with 401", e -> e.request().mustBe401() && e.status() != 401);
    }

    @Test
    @Order(5)
    void malformedFramesOnTheChatSocketEndOnlyTheirOwnConnections() throws Exception {
        String healthyId = "user_sweep_healthy_" + UUID.randomUUID().toString().substring(0, 8);
        String senderId = "user_sweep_sender_" + UUID.randomUUID().toString().substring(0, 8);
        String healthyToken = token(healthyId, "Hanna");
        String senderToken = token(senderId, "Sam");
        HttpResponse<String> opened = post(Platform.uri(CHAT, "/api/conversations"), senderToken,
                "{\"participantId\":\"" + healthyId + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String conversationId = Platform.JSON.readTree(opened.body()).path("id").asString();

        try (StompProbe healthy = StompProbe.connect(Platform.ws(WS_CHAT), healthyToken)
                .subscribe("/user/queue/messages")) {
            Map<String, RawStomp> attacks = malformedFrames(Platform.ws(WS_CHAT), healthyId);

            // A valid session sending a body that is no JSON is told so; it may keep its connection.
            try (RawStomp broken = RawStomp.open(Platform.ws(WS_CHAT))) {
                broken.send(RawStomp.connectFrame(token("user_sweep_json", "Jay"))).awaitConnected()
                        .send(RawStomp.subscribeFrame("e", "/user/queue/errors"))
                        .send(RawStomp.sendFrame("/app/chat.send", "{\"conversationId\":"))
                        .send(RawStomp.sendFrame("/app/chat.send", "[1,2,3]"))
                        .send(RawStomp.sendFrame("/app/chat.send", "{\"conversationId\":{\"$gt\":\"\"},\"text\":[]}"));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> broken.wasRefused()
                        || broken.frames().stream().filter(f -> f.startsWith("MESSAGE")).count() >= 3);
                assertThat(String.join("\n", broken.frames())).doesNotContainPattern(INTERNALS);
            }

            try (StompProbe sender = StompProbe.connect(Platform.ws(WS_CHAT), senderToken)) {
                sender.send("/app/chat.send", "{\"conversationId\":\"" + conversationId
                        + "\",\"clientMessageId\":\"after-sweep\",\"text\":\"Still there after the sweep?\"}");
                healthy.awaitFrame("/user/queue/messages", m -> m.path("text").asString().equals("Still there after the sweep?"));
            }
            assertThat(healthy.connected()).isTrue();
            assertThat(attacks).allSatisfy((name, attack) -> assertThat(String.join("\n", attack.frames()))
                    .as(name).doesNotContain("Still there after the sweep?"));
            attacks.values().forEach(RawStomp::close);
        }
    }

    @Test
    @Order(6)
    void malformedFramesOnTheNotificationSocketEndOnlyTheirOwnConnections() throws Exception {
        String sellerId = "user_sweep_seller_" + UUID.randomUUID().toString().substring(0, 8);
        String sellerToken = token(sellerId, "Selma");
        try (StompProbe healthy = StompProbe.connect(Platform.ws(NOTIFICATION), sellerToken)
                .subscribe("/user/queue/notifications")) {
            Map<String, RawStomp> attacks = malformedFrames(Platform.ws(NOTIFICATION), sellerId);

            HttpResponse<String> listed = post(Platform.uri(PRODUCT, "/api/products"), sellerToken, """
                    {"name":"Sweep survivor lamp","description":"Still lit.","price":12.50,"category":"other",
                     "condition":"GOOD","quantity":1}""");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
            String productId = Platform.JSON.readTree(listed.body()).path("id").asString();
            HttpResponse<String> wished = HTTP.send(HttpRequest.newBuilder(Platform.uri(WISHLIST, "/api/wishlist/items/" + productId))
                    .header("Authorization", "Bearer " + token("user_sweep_wisher", "Willa"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wished.statusCode()).as(wished.body()).isEqualTo(201);

            JsonNode notice = healthy.awaitFrame("/user/queue/notifications", n -> n.path("type").asString().equals("WISHLIST_ADDED"));
            assertThat(notice.path("link").asString()).isEqualTo("/products/" + productId);
            assertThat(healthy.connected()).isTrue();
            assertThat(attacks).allSatisfy((name, attack) -> assertThat(String.join("\n", attack.frames()))
                    .as(name).doesNotContain(productId));
            attacks.values().forEach(RawStomp::close);
        }
    }

    @Test
    @Order(7)
    void everyServiceIsStillHealthyAfterTheSweep() throws Exception {
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            HttpResponse<String> health = get(Platform.uri(service.getValue(), "/actuator/health"));
            assertThat(health.statusCode()).as(service.getKey()).isEqualTo(200);
            assertThat(Platform.JSON.readTree(health.body()).path("status").asString()).as(service.getKey()).isEqualTo("UP");
        }
    }

    /**
     * Opens one raw connection per kind of malformed input and checks each is refused (an ERROR
     * frame or a close) without internals in the answer. The connections are returned open, if the
     * server left them so, to show later that they hear nothing meant for the healthy user.
     */
    private static Map<String, RawStomp> malformedFrames(URI ws, String victimId) throws Exception {
        String expired = DevTokens.read(Platform.DATA.resolve("dev-keys")).sign(DevTokens.Claims.of("user_sweep_late")
                .name("Late").azp(Platform.dashboardOrigin())
                .issuedAt(Instant.now().minus(Duration.ofHours(2))).expiresAt(Instant.now().minus(Duration.ofHours(1))));
        String foreign = DevTokens.generate().sign(DevTokens.Claims.of(victimId).name("Impostor").azp(Platform.dashboardOrigin()));
        String attacker = token("user_sweep_attacker_" + UUID.randomUUID().toString().substring(0, 8), "Mallory");
        byte[] noise = new byte[4096];
        new Random(BadValues.SEED).nextBytes(noise);

        Map<String, RawStomp> attacks = new LinkedHashMap<>();
        attacks.put("garbage text", RawStomp.open(ws).send("this is not stomp at all\n\n\0"));
        attacks.put("binary noise", RawStomp.open(ws).sendBinary(noise));
        attacks.put("frame with no command", RawStomp.open(ws).send("destination:/app/chat.send\ncontent-type:application/json\n\n{}\0"));
        attacks.put("unknown command", RawStomp.open(ws).send("EXPLODE\nx:y\n\n\0"));
        attacks.put("header with an illegal escape", RawStomp.open(ws).send("CONNECT\naccept-version:1.2\nAuthorization:Bearer\\q" + attacker + "\n\n\0"));
        attacks.put("CONNECT without a token", RawStomp.open(ws).send(RawStomp.connectFrame(null)));
        attacks.put("CONNECT with a garbage token", RawStomp.open(ws).send(RawStomp.connectFrame("garbage")));
        attacks.put("CONNECT with an expired token", RawStomp.open(ws).send(RawStomp.connectFrame(expired)));
        attacks.put("CONNECT with a token signed by another key", RawStomp.open(ws).send(RawStomp.connectFrame(foreign)));
        attacks.put("oversized CONNECT", RawStomp.open(ws).send("CONNECT\naccept-version:1.2\nx-pad:" + "p".repeat(300_000) + "\n\n\0"));
        attacks.put("SEND before CONNECT", RawStomp.open(ws).send(RawStomp.sendFrame("/app/chat.send", "{}")));
        attacks.put("SUBSCRIBE before CONNECT", RawStomp.open(ws).send(RawStomp.subscribeFrame("s", "/user/queue/messages")));
        attacks.put("oversized SEND after CONNECT", RawStomp.open(ws).send(RawStomp.connectFrame(attacker))
                .awaitConnected().send(RawStomp.sendFrame("/app/chat.send", "{\"text\":\"" + "z".repeat(300_000) + "\"}")));
        attacks.put("content-length far beyond the frame", RawStomp.open(ws).send(RawStomp.connectFrame(attacker))
                .awaitConnected().send("SEND\ndestination:/app/chat.send\ncontent-length:999999999\n\n{}\0"));
        for (String foreignQueue : List.of("/user/" + victimId + "/queue/messages", "/user/" + victimId + "/queue/notifications",
                "/topic/everything", "/queue/messages")) {
            attacks.put("SUBSCRIBE to " + foreignQueue, RawStomp.open(ws).send(RawStomp.connectFrame(attacker))
                    .awaitConnected().send(RawStomp.subscribeFrame("x", foreignQueue)));
        }

        List<String> notRefused = new ArrayList<>();
        List<String> leaking = new ArrayList<>();
        for (Map.Entry<String, RawStomp> attack : attacks.entrySet()) {
            if (!attack.getValue().refused(Duration.ofSeconds(10))) {
                notRefused.add(attack.getKey() + ": " + attack.getValue().describe());
            }
            if (INTERNALS.matcher(String.join("\n", attack.getValue().frames())).find()) {
                leaking.add(attack.getKey() + ": " + attack.getValue().describe());
            }
        }
        assertThat(notRefused).as("malformed STOMP input the server neither answered with ERROR nor closed").isEmpty();
        assertThat(leaking).as("ERROR frames that name internal classes").isEmpty();
        return attacks;
    }

    private static boolean isProblem(HttpSweep.Exchange exchange) {
        if (!exchange.contentType().startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode problem = Platform.JSON.readTree(exchange.body());
            return problem.path("type").isString() && problem.path("title").isString()
                    && problem.path("status").asInt() == exchange.status();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static void assertNone(String what, java.util.function.Predicate<HttpSweep.Exchange> offending) {
        List<HttpSweep.Exchange> offenders = EXCHANGES.stream().filter(offending).toList();
        assertThat(offenders).as(() -> offenders.size() + " of " + EXCHANGES.size() + " requests " + what + ":\n"
                + offenders.stream().limit(60).map(HttpSweep.Exchange::describe).collect(Collectors.joining("\n"))).isEmpty();
    }

    private static String token(String userId, String name) {
        return Platform.token(userId, name);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
