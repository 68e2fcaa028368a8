package io.thriftstore.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./thriftstore} as a developer uses it: {@code up} brings every service to healthy
 * and returns, a token from {@code token} is accepted and a tampered one refused, a service
 * that died shows as down and {@code restart} brings it back alone,
 * {@code down} leaves no process and no port behind. Runs on ports moved by
 * {@code THRIFTSTORE_PORT_OFFSET} so that it cannot collide with a developer's own
 * {@code ./thriftstore up}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: it stops the platform the other classes share
class LocalRunIT {

    static final int OFFSET = Platform.OFFSET;
    static final Map<String, Integer> SERVICES = Map.of(
            "product-service", 5010, "wishlist-service", 5011, "chat-service", 5012, "consumer-service", 5013,
            "order-service", 5014, "ws-chat-service", 5015, "notification-service", 8080);
    /** A read of the caller's own data on each service: it needs a valid token. */
    static final Map<String, String> AUTHENTICATED_READS = Map.of(
            "product-service", "/api/products?sellerId=u1&status=ARCHIVED",
            "wishlist-service", "/api/wishlist",
            "chat-service", "/api/conversations",
            "consumer-service", "/api/insights/sellers/me",
            "order-service", "/api/orders",
            "ws-chat-service", "/api/nothing-here",
            "notification-service", "/api/notifications");
    static final List<Integer> INFRA_PORTS = List.of(5432, 9092, 9093, 27017);
    static final int DASHBOARD = 3000;

    static final Path DATA = Platform.DATA;

    @BeforeAll
    static void startPlatform() throws Exception {
        String output = Platform.start();
        for (String service : SERVICES.keySet()) {
            assertThat(output).containsPattern(service + "\\s+http://localhost:\\d+\\s+UP");
        }
    }

    @Test
    @Order(1)
    void upBringsEveryServiceToHealthy() throws Exception {
        for (var service : SERVICES.entrySet()) {
            Platform.Response health = Platform.call("GET", service.getValue(), "/actuator/health", null, null);
            assertThat(health.status()).as(service.getKey()).isEqualTo(200);
            assertThat(health.body()).as(service.getKey()).contains("\"status\":\"UP\"");
        }
        Platform.Result status = Platform.thriftstore(Duration.ofSeconds(60), "status");
        assertThat(status.output()).contains("infrastructure").doesNotContain("down");
        // the seven services and the dashboard
        assertThat(status.output().lines().filter(l -> l.contains("healthy")).count()).isEqualTo(SERVICES.size() + 1);
        assertThat(status.output()).containsPattern("dashboard\\s+" + (DASHBOARD + OFFSET) + "\\s+\\d+\\s+healthy");
        assertThat(Platform.call("GET", DASHBOARD, "/", null, null).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aDevTokenIsAcceptedByEveryServiceAndATamperedOneIsRefused() throws Exception {
        long started = System.nanoTime();
        Platform.Result token = Platform.thriftstore(Duration.ofSeconds(60), "token", "u1", "User One");
        System.out.printf("./thriftstore token answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(token.exitCode()).as(token.output()).isZero();
        List<String> lines = token.output().lines().toList();
        String jwt = lines.get(lines.size() - 1).trim();
        assertThat(jwt.split("\\.")).hasSize(3);

        String[] parts = jwt.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + flipOneCharacter(parts[2]);

        for (var service : SERVICES.entrySet()) {
            String path = AUTHENTICATED_READS.get(service.getKey());
            Platform.Response accepted = Platform.call("GET", service.getValue(), path, jwt, null);
            // ws-chat-service has no REST resources: an authenticated caller gets past security to a 404.
            assertThat(accepted.status()).as(service.getKey() + " with a valid token: " + accepted.body())
                    .isEqualTo(service.getKey().equals("ws-chat-service") ? 404 : 200);

            Platform.Response refused = Platform.call("GET", service.getValue(), path, tampered, null);
            assertThat(refused.status()).as(service.getKey() + " with a tampered token").isEqualTo(401);

            Platform.Response anonymous = Platform.call("GET", service.getValue(), path, null, null);
            assertThat(anonymous.status()).as(service.getKey() + " without a token").isEqualTo(401);
        }
    }

    /**
     * A JVM that ended (here SIGKILL, as -XX:+ExitOnOutOfMemoryError ends it after an OutOfMemoryError) is
     * "down" in status, not "starting", even while nothing has reaped it; {@code restart} brings that one
     * service back alone.
     */
    @Test
    @Order(3)
    void aServiceThatDiedShowsAsDownAndRestartsAlone() throws Exception {
        long pid = Long.parseLong(Files.readString(DATA.resolve("run").resolve("ws-chat-service.pid")).trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        String down = "ws-chat-service\\s+" + (5015 + OFFSET) + "\\s+" + pid + "\\s+down";
        // destroyForcibly only asks: status says "down" once the process has actually ended.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
            assertThat(Platform.thriftstore(Duration.ofSeconds(60), "status").output()).containsPattern(down));

        Platform.Result restart = Platform.thriftstore(Duration.ofSeconds(300), "restart", "ws-chat-service");

        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(restart.output()).containsPattern("ws-chat-service\\s+http://localhost:\\d+\\s+UP");
        assertThat(Platform.call("GET", 5015, "/actuator/health", null, null).body()).contains("\"status\":\"UP\"");
        assertThat(Platform.thriftstore(Duration.ofSeconds(60), "status").output())
            .containsPattern("ws-chat-service\\s+" + (5015 + OFFSET) + "\\s+\\d+\\s+healthy");
    }

    @Test
    @Order(4)
    void downLeavesNothingRunning() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(DATA.resolve("run"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        assertThat(pids).as("services, infrastructure, dashboard").hasSize(SERVICES.size() + 2);

        Platform.Result down = Platform.stop();
        assertThat(down.exitCode()).as(down.output()).isZero();

        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        List<Integer> ports = new ArrayList<>(INFRA_PORTS);
        ports.addAll(SERVICES.values());
        ports.add(DASHBOARD);
        for (int port : ports) {
            assertThat(listening(port + OFFSET)).as("port %d", port + OFFSET).isFalse();
        }
    }

    private static String flipOneCharacter(String signature) {
        char c = signature.charAt(10);
        return signature.substring(0, 10) + (c == 'A' ? 'B' : 'A') + signature.substring(11);
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
