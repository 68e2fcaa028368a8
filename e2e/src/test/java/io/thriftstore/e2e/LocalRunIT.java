package io.thriftstore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./thriftstore} as a developer uses it: {@code up} brings every service to healthy
 * and returns, a token from {@code token} is accepted and a tampered one refused,
 * {@code down} leaves no process and no port behind. Runs on ports moved by
 * {@code THRIFTSTORE_PORT_OFFSET} so that it cannot collide with a developer's own
 * {@code ./thriftstore up}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunIT {

    static final int OFFSET = 20000;
    static final Map<String, Integer> SERVICES = Map.of(
            "product-service", 5010, "wishlist-service", 5011, "chat-service", 5012, "consumer-service", 5013,
            "order-service", 5014, "ws-chat-service", 5015, "notification-service", 8080);
    static final List<Integer> INFRA_PORTS = List.of(5432, 9092, 9093, 27017);

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DATA = Path.of("target/local-run-data").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startPlatform() throws Exception {
        Result up = thriftstore(Duration.ofMinutes(8), "up", "--reset");
        System.out.println(up.output());
        assertThat(up.exitCode()).as("./thriftstore up exit code; output:%n%s", up.output()).isZero();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        thriftstore(Duration.ofMinutes(2), "down");
    }

    @Test
    @Order(1)
    void upBringsEveryServiceToHealthy() throws Exception {
        for (var service : SERVICES.entrySet()) {
            HttpResponse<String> health = get(service.getValue(), "/actuator/health", null);
            assertThat(health.statusCode()).as(service.getKey()).isEqualTo(200);
            assertThat(health.body()).as(service.getKey()).contains("\"status\":\"UP\"");
        }
        Result status = thriftstore(Duration.ofSeconds(60), "status");
        assertThat(status.output()).contains("infrastructure").doesNotContain("down");
        assertThat(status.output().lines().filter(l -> l.contains("healthy")).count()).isEqualTo(SERVICES.size());
    }

    @Test
    @Order(2)
    void aDevTokenIsAcceptedByEveryServiceAndATamperedOneIsRefused() throws Exception {
        long started = System.nanoTime();
        Result token = thriftstore(Duration.ofSeconds(60), "token", "u1", "User One");
        System.out.printf("./thriftstore token answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(token.exitCode()).as(token.output()).isZero();
        List<String> lines = token.output().lines().toList();
        String jwt = lines.get(lines.size() - 1).trim();
        assertThat(jwt.split("\\.")).hasSize(3);

        String[] parts = jwt.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + flipOneCharacter(parts[2]);

        for (var service : SERVICES.entrySet()) {
            // An authenticated path: without a valid token the resource server answers 401.
            HttpResponse<String> accepted = get(service.getValue(), "/api/me-not-a-route", jwt);
            assertThat(accepted.statusCode()).as(service.getKey() + " with a valid token").isNotIn(401, 403);

            HttpResponse<String> refused = get(service.getValue(), "/api/me-not-a-route", tampered);
            assertThat(refused.statusCode()).as(service.getKey() + " with a tampered token").isEqualTo(401);

            HttpResponse<String> anonymous = get(service.getValue(), "/api/me-not-a-route", null);
            assertThat(anonymous.statusCode()).as(service.getKey() + " without a token").isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void downLeavesNothingRunning() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(DATA.resolve("run"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(f).trim()));
            }
        }
        assertThat(pids).hasSize(SERVICES.size() + 1);

        Result down = thriftstore(Duration.ofMinutes(2), "down");
        assertThat(down.exitCode()).as(down.output()).isZero();

        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        List<Integer> ports = new ArrayList<>(INFRA_PORTS);
        ports.addAll(SERVICES.values());
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

    private static HttpResponse<String> get(int basePort, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + (basePort + OFFSET) + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Result(int exitCode, String output) {
    }

    static Result thriftstore(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("thriftstore").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("THRIFTSTORE_PORT_OFFSET", String.valueOf(OFFSET));
        builder.environment().put("THRIFTSTORE_DATA", DATA.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, new String(output, StandardCharsets.UTF_8) + "\n(timed out)");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
