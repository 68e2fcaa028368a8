package io.thriftstore.perf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.thriftstore.devtools.tokens.DevTokens;

/**
 * What every simulation shares: its parameters (Java system properties, see perf/README.md), the platform's
 * ports at the run's offset, dev tokens signed with the platform's dev key, and REST seeding.
 */
final class Perf {

    /** Concurrent virtual users (closed phases), pairs (socket scenarios) or sessions, per simulation. */
    static final int USERS = Integer.getInteger("users", 20);
    /** Arrivals per second for the fixed-rate scenarios. */
    static final int RATE = Integer.getInteger("rate", 20);
    /** Offered rates of the stepped open-model scenario (notify), one measured phase each: "10,20,50". */
    static final List<Integer> RATES = java.util.Arrays.stream(System.getProperty("rates", String.valueOf(RATE)).split(","))
            .map(String::trim).filter(r -> !r.isEmpty()).map(Integer::valueOf).toList();
    /** Length of each measured phase. */
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("duration", 30));
    /** Low-concurrency warm-up before anything is measured (INFRA-NOTES: a cold JIT starves under load). */
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("warmup", 20));
    static final int WARMUP_USERS = Integer.getInteger("warmupUsers", 2);
    /** Open sockets that only listen (chat scenario). */
    static final int IDLE_SOCKETS = Integer.getInteger("idleSockets", 100);

    static final int OFFSET = Integer.getInteger("offset", 10000);
    static final Path DATA = Path.of(System.getProperty("data", "../target/platform-data"));
    /** Warm-up requests carry this prefix: perf/run.sh leaves them out of the summary. */
    static final String WARM = "warm-up ";

    static final String PRODUCT = base(5010);
    static final String WISHLIST = base(5011);
    static final String CHAT = base(5012);
    static final String ORDER = base(5014);
    static final String WS_CHAT = "ws://localhost:" + (5015 + OFFSET) + "/ws";
    static final String WS_NOTIFICATION = "ws://localhost:" + (8080 + OFFSET) + "/ws";
    static final String BASELINE = base(9090);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static DevTokens tokens;

    private Perf() {
    }

    static String base(int port) {
        return "http://localhost:" + (port + OFFSET);
    }

    static synchronized String token(String userId, String name) {
        if (tokens == null) {
            tokens = DevTokens.read(DATA.resolve("dev-keys"));
        }
        // azp: the dashboard's origin at this offset, the one the services allow.
        return tokens.sign(DevTokens.Claims.of(userId).name(name).ttl(Duration.ofHours(3))
                .azp("http://localhost:" + (3000 + OFFSET)));
    }

    record User(String id, String name, String token) {
        static User of(String id, String name) {
            return new User(id, name, Perf.token(id, name));
        }
    }

    /** {@code count} users named {@code <prefix>_<n>}; the same ids on every run, so seeding is repeatable. */
    static List<User> users(String prefix, int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(User.of("perf_" + prefix + "_" + i, prefix + " " + i));
        }
        return users;
    }

    /** A chat conversation's id: both participant ids in order, joined by ':' (ConversationId in platform-commons). */
    static String conversationId(String a, String b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    /**
     * Lists {@code perSeller} items for each seller, in parallel; returns their ids, seller by seller.
     * Words in the names give the search scenario something to find.
     */
    static List<List<String>> listProducts(List<User> sellers, int perSeller, int quantity) {
        String[] words = {"lamp", "chair", "bike", "guitar", "novel", "kettle", "jacket", "desk", "camera", "racket"};
        String[] categories = {"furniture", "sports", "music", "books", "kitchen", "clothing", "electronics", "other"};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int s = 0; s < sellers.size(); s++) {
                User seller = sellers.get(s);
                int sellerIndex = s;
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int p = 0; p < perSeller; p++) {
                        int n = sellerIndex * perSeller + p;
                        String body = """
                                {"name":"Perf %s %d","description":"A well kept %s, seeded by the load harness.",
                                 "price":%d.50,"category":"%s","condition":"GOOD","quantity":%d}"""
                                .formatted(words[n % words.length], n, words[n % words.length], 5 + n % 300,
                                        categories[n % categories.length], quantity);
                        ids.add(id(post(PRODUCT + "/api/products", seller.token(), body, 201)));
                    }
                    return ids;
                }));
            }
            List<List<String>> result = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                result.add(f.get());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("seeding products failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    static String post(String url, String token, String json, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    // STOMP 1.2 frames as text; NUL ends a frame. No heart-beats: the harness sends a bare EOL when it wants
    // to arm a check on a socket, and must not see the server's beats as frames.
    static String connectFrame(String tokenExpression) {
        return "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + tokenExpression
                + "\n\n\u0000";
    }

    static String subscribeFrame(String id, String destination) {
        return "SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\u0000";
    }

    static String sendFrame(String destination, String json) {
        return "SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + json + "\u0000";
    }
}
