import io.thriftstore.devtools.tokens.DevTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product listed -> NEW_MATCH frame, with many saved searches in place (issue 19). Run by perf/matches.sh;
 * alone, against a running platform (write rate limit raised):
 * <pre>
 * java -cp "$(cat devtools/platform-launcher/target/launcher.classpath):devtools/platform-launcher/target/platform-launcher-0.1.0-SNAPSHOT.jar" \
 *   perf/matches/NewMatchLatency.java --offset 0 --keys .data/dev-keys --searches 10000 --listings 200 --rate 5
 * </pre>
 * 1. Seeds {@code searches} saved searches over REST (20 per user, the most the contract allows): one
 *    "watcher" search per measured listing ({@code probe<i>} plus a common word), the rest random: 1-3 words
 *    from a 2,000-word vocabulary, a category half of the time, a maximum price a third of the time.
 * 2. Opens a STOMP socket on notification-service for each watcher.
 * 3. Lists {@code warmup} + {@code listings} products at {@code rate} per second (open model: the sends keep
 *    their schedule whatever the latency), each with its probe word and a dozen vocabulary words, so it also
 *    matches random searches of users who are not connected (the fan-out is real, the frames go unread).
 * 4. Latency = the POST's send -> the NEW_MATCH frame naming the product at its watcher's socket.
 * Hand-written on the JDK's HTTP and WebSocket clients, like perf/sockets/IdleSockets.java: one file, the
 * launcher's classpath only.
 */
public class NewMatchLatency {

    static final String[] CATEGORIES = {"books", "electronics", "furniture", "clothing", "kitchen", "sports", "music", "stationery", "other"};
    static final Pattern TITLE = Pattern.compile("\"title\":\"New match: [^\"]*?probe(\\d+)\\b");

    public static void main(String[] args) {
        try {
            run(args);
        }
        catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int offset = Integer.parseInt(options.getOrDefault("offset", "0"));
        DevTokens tokens = DevTokens.read(java.nio.file.Path.of(options.getOrDefault("keys", ".data/dev-keys")));
        int searches = Integer.parseInt(options.getOrDefault("searches", "10000"));
        int listings = Integer.parseInt(options.getOrDefault("listings", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "5"));
        int frameTimeout = Integer.parseInt(options.getOrDefault("frame-timeout", "10"));
        String azp = "http://localhost:" + (3000 + offset);
        URI products = URI.create("http://localhost:" + (5010 + offset) + "/api/products");
        URI savedSearches = URI.create("http://localhost:" + (5013 + offset) + "/api/saved-searches");
        URI ws = URI.create("ws://localhost:" + (8080 + offset) + "/ws");
        Random random = new Random(19);
        String[] vocabulary = new String[2000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "w" + Integer.toString(i * 7919 % 100_000, 36);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();
        int watchers = warmup + listings;
        if (watchers > searches) {
            throw new IllegalArgumentException("more listings than searches");
        }

        // 1. Seed: watcher i is user_watch_<i> with one search; the rest 20 per user.
        long seedStarted = System.nanoTime();
        Semaphore inFlight = new Semaphore(16);
        AtomicInteger failed = new AtomicInteger();
        // 200: a random search that happened to repeat one of the same user's (stored once, by the contract's rule).
        AtomicInteger repeated = new AtomicInteger();
        List<CompletableFuture<?>> seeded = new ArrayList<>();
        for (int n = 0; n < searches; n++) {
            String user;
            String body;
            if (n < watchers) {
                user = "user_watch_" + n;
                body = "{\"q\":\"vintage probe" + n + "\"}";
            }
            else {
                int k = n - watchers;
                user = "user_saver_" + (k / 20);
                StringBuilder q = new StringBuilder();
                int words = 1 + random.nextInt(3);
                for (int w = 0; w < words; w++) {
                    q.append(w == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
                }
                StringBuilder json = new StringBuilder("{\"q\":\"" + q + "\"");
                if (random.nextBoolean()) {
                    json.append(",\"category\":\"").append(CATEGORIES[random.nextInt(CATEGORIES.length)]).append('"');
                }
                if (random.nextInt(3) == 0) {
                    json.append(",\"maxPrice\":").append(5 + random.nextInt(200));
                }
                body = json.append('}').toString();
            }
            inFlight.acquire();
            String token = tokens.sign(DevTokens.Claims.of(user).name(user).ttl(Duration.ofHours(2)).azp(azp));
            seeded.add(http.sendAsync(post(savedSearches, token, body), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    inFlight.release();
                    if (error == null && response.statusCode() == 200) {
                        repeated.incrementAndGet();
                    }
                    else if (error != null || response.statusCode() != 201) {
                        if (failed.incrementAndGet() <= 5) {
                            System.err.println("seed failed: " + (error != null ? error : response.statusCode() + " " + response.body()));
                        }
                    }
                }));
        }
        CompletableFuture.allOf(seeded.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        System.out.printf("seeded %d saved searches (%d repeats stored once, %d failed) in %.1f s%n",
            searches - failed.get() - repeated.get(), repeated.get(), failed.get(), (System.nanoTime() - seedStarted) / 1e9);
        if (failed.get() > 0) {
            throw new IllegalStateException("seeding failed");
        }

        // 2. The watchers' sockets.
        Map<Integer, Long> received = new ConcurrentHashMap<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < watchers; i++) {
            String token = tokens.sign(DevTokens.Claims.of("user_watch_" + i).name("Watcher " + i).ttl(Duration.ofHours(2)).azp(azp));
            sockets.add(connect(http, ws, token, received).get(30, TimeUnit.SECONDS));
        }
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        beats.scheduleAtFixedRate(() -> sockets.forEach(s -> {
            try {
                s.sendText("\n", true);
            }
            catch (RuntimeException pending) {
                // next beat
            }
        }), 10, 10, TimeUnit.SECONDS);
        System.out.printf("%d watcher sockets subscribed%n", watchers);

        // 3. Listings at a fixed rate, round robin over 20 sellers.
        String[] sellers = new String[20];
        for (int s = 0; s < sellers.length; s++) {
            sellers[s] = tokens.sign(DevTokens.Claims.of("user_lister_" + s).name("Lister " + s).ttl(Duration.ofHours(2)).azp(azp));
        }
        Map<Integer, Long> sent = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        long periodNanos = (long) (1e9 / rate);
        List<CompletableFuture<?>> posts = new ArrayList<>();
        CompletableFuture<Void> allScheduled = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= watchers) {
                allScheduled.complete(null);
                return;
            }
            StringBuilder description = new StringBuilder("Listed by the harness:");
            for (int w = 0; w < 12; w++) {
                description.append(' ').append(vocabulary[random.nextInt(vocabulary.length)]);
            }
            String body = "{\"name\":\"Vintage lamp probe" + i + "\",\"description\":\"" + description + "\",\"price\":"
                + (10 + i % 90) + ",\"category\":\"" + CATEGORIES[i % CATEGORIES.length] + "\",\"condition\":\"GOOD\",\"quantity\":1}";
            sent.put(i, System.nanoTime());
            synchronized (posts) {
                posts.add(http.sendAsync(post(products, sellers[i % sellers.length], body), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            refused.incrementAndGet();
                        }
                    }));
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        allScheduled.join();
        pacer.shutdown();
        synchronized (posts) {
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(frameTimeout);
        while (System.nanoTime() < deadline && received.keySet().stream().filter(k -> k >= warmup).count() < listings) {
            Thread.sleep(100);
        }

        // 4. Latency of the measured listings (after the warm-up ones).
        double[] latencies = received.entrySet().stream().filter(e -> e.getKey() >= warmup && sent.containsKey(e.getKey()))
            .mapToDouble(e -> (e.getValue() - sent.get(e.getKey())) / 1e6).sorted().toArray();
        System.out.printf("RESULT searches=%d listings=%d rate=%.1f/s delivered=%d/%d refused=%d p50=%.0fms p95=%.0fms p99=%.0fms max=%.0fms%n",
            searches, listings, rate, latencies.length, listings, refused.get(),
            percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
            latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1]);
        beats.shutdownNow();
        sockets.forEach(WebSocket::abort);
        System.exit(latencies.length == listings && refused.get() == 0 ? 0 : 1);
    }

    static HttpRequest post(URI uri, String token, String json) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** CONNECT, SUBSCRIBE to the notifications; every NEW_MATCH frame's probe number is timed on arrival. */
    static CompletableFuture<WebSocket> connect(HttpClient http, URI url, String token, Map<Integer, Long> received) {
        CompletableFuture<WebSocket> connectSent = new CompletableFuture<>();
        CompletableFuture<WebSocket> ready = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    String text = frame.toString();
                    frame.setLength(0);
                    if (text.startsWith("CONNECTED")) {
                        connectSent.thenCompose(sent -> sent.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/notifications\n\n\0", true))
                            .whenComplete((sent, error) -> {
                                if (error != null) {
                                    ready.completeExceptionally(error);
                                }
                                else {
                                    ready.complete(socket);
                                }
                            });
                    }
                    else if (text.startsWith("MESSAGE")) {
                        long now = System.nanoTime();
                        Matcher m = TITLE.matcher(text);
                        if (text.contains("\"type\":\"NEW_MATCH\"") && m.find()) {
                            received.putIfAbsent(Integer.parseInt(m.group(1)), now);
                        }
                    }
                    else if (text.startsWith("ERROR")) {
                        ready.completeExceptionally(new IllegalStateException("ERROR frame: " + text.strip().replace('\n', ' ')));
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                ready.completeExceptionally(error);
            }
        };
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(url, listener)
            .thenCompose(socket -> socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:10000,10000\n"
                + "Authorization:Bearer " + token + "\n\n\0", true).thenAccept(sent -> connectSent.complete(socket)))
            .whenComplete((ignored, error) -> {
                if (error != null) {
                    ready.completeExceptionally(error);
                }
            });
        return ready;
    }
}
