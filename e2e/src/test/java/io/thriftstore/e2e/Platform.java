package io.thriftstore.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.thriftstore.devtools.tokens.DevTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform, started once per test JVM with {@code ./thriftstore up} on ports
 * moved by {@link #OFFSET} (so it never collides with a developer's running platform) and
 * its own data directory; stopped when the JVM ends. Every end-to-end class shares it,
 * the bad-input sweep in its own package too (hence public).
 */
public final class Platform {

    public static final int OFFSET = 20000;
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path DATA = Path.of("target/local-run-data").toAbsolutePath();

    public static final int PRODUCT = 5010;
    public static final int WISHLIST = 5011;
    public static final int CHAT = 5012;
    public static final int INSIGHTS = 5013;
    public static final int ORDER = 5014;
    public static final int WS_CHAT = 5015;
    public static final int NOTIFICATION = 8080;

    public static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1: the JDK client otherwise offers an h2c upgrade, which the dashboard's server answers with nothing.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String startOutput;
    private static boolean running;

    private Platform() {
    }

    /** Starts the platform the first time it is asked for; fails the caller if it cannot. */
    public static synchronized String start() throws Exception {
        if (startOutput == null) {
            Result up = thriftstore(Duration.ofMinutes(8), "up", "--reset");
            System.out.println(up.output());
            if (up.exitCode() != 0) {
                throw new IllegalStateException("./thriftstore up failed (" + up.exitCode() + "):\n" + up.output());
            }
            startOutput = up.output();
            running = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Platform::stopQuietly, "platform-down"));
        }
        return startOutput;
    }

    static synchronized Result stop() throws Exception {
        running = false;
        return thriftstore(Duration.ofMinutes(2), "down");
    }

    private static void stopQuietly() {
        if (running) {
            try {
                stop();
            } catch (Exception e) {
                System.err.println("./thriftstore down failed: " + e);
            }
        }
    }

    public static String token(String userId, String name) {
        // azp: the dashboard's origin at this offset, which the services allow (./thriftstore sets ALLOWED_ORIGINS)
        return DevTokens.read(DATA.resolve("dev-keys")).sign(DevTokens.Claims.of(userId).name(name).azp(dashboardOrigin()));
    }

    /** The dashboard's origin at this offset: the {@code azp} the services accept. */
    public static String dashboardOrigin() {
        return "http://localhost:" + (3000 + OFFSET);
    }

    public static URI uri(int basePort, String path) {
        return URI.create("http://localhost:" + (basePort + OFFSET) + path);
    }

    public static URI ws(int basePort) {
        return URI.create("ws://localhost:" + (basePort + OFFSET) + "/ws");
    }

    static Response call(String method, int basePort, String path, String token, String jsonBody) throws Exception {
        return call(method, basePort, path, token, jsonBody, Map.of());
    }

    static Response call(String method, int basePort, String path, String token, String jsonBody,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(basePort, path)).timeout(Duration.ofSeconds(15));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result thriftstore(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("thriftstore").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("THRIFTSTORE_PORT_OFFSET", String.valueOf(OFFSET));
        builder.environment().put("THRIFTSTORE_DATA", DATA.toString());
        // Stock held for an order that never commits comes back within seconds here (2 minutes by default), so a
        // journey can watch it happen; commits take milliseconds, far below it.
        builder.environment().put("PRODUCT_HOLD_TIMEOUT", "20s");
        builder.environment().put("PRODUCT_HOLD_CHECK_INTERVAL", "1s");
        // 20 chat sends per hour instead of per 10 s: a journey can count to the 21st without the budget refilling
        // meanwhile (JourneysIT#chatSendsOverRestAndTheSocketShareOneBudget); no other journey sends that many.
        builder.environment().put("CHAT_SEND_RATE_PERIOD", "1h");
        Process process = builder.start();
        process.getOutputStream().close();
        // The script's background children write to their own logs, so this stream ends with the script.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, new String(output, StandardCharsets.UTF_8) + "\n(timed out)");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
