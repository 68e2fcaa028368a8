package io.thriftstore.e2e.drills;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;

/**
 * Places orders at a steady rate from many buyers on many products (one item of one product each), and
 * remembers exactly which were accepted. Every request carries an {@code Idempotency-Key}: when the answer
 * is lost (the connection broke while order-service was being killed) the order may or may not exist, so
 * {@link #resolveUnanswered()} repeats those requests with the same key: 200 names the order created the
 * first time, 201 creates it now; either way the client ends up knowing every order it caused.
 */
final class OrderLoad {

    record Buyer(String id, String token) {
    }

    record Placement(String key, Buyer buyer, String productId) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_IN_FLIGHT = 64;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Buyer> buyers;
    private final List<String> productIds;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong sequence = new AtomicLong();

    /** orderId -> productId of every order this client knows it caused. */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final Set<Placement> unanswered = ConcurrentHashMap.newKeySet();
    final AtomicLong skipped = new AtomicLong();

    private ScheduledExecutorService ticker;

    OrderLoad(List<Buyer> buyers, List<String> productIds) {
        this.buyers = List.copyOf(buyers);
        this.productIds = List.copyOf(productIds);
    }

    /** Starts placing {@code perSecond} orders a second until {@link #stop()}. */
    synchronized void start(int perSecond) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "order-load"));
        ticker.scheduleAtFixedRate(this::placeOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** Stops placing orders and waits for the answers of those in flight. */
    synchronized void stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        inFlight.acquire(MAX_IN_FLIGHT);
        inFlight.release(MAX_IN_FLIGHT);
    }

    private void placeOne() {
        long n = sequence.getAndIncrement();
        Placement placement = new Placement("drill-" + UUID.randomUUID(), buyers.get((int) (n % buyers.size())),
                productIds.get((int) ((n / buyers.size() + n) % productIds.size())));
        if (!inFlight.tryAcquire()) {
            // The platform is slower than the rate asked for: count it rather than queue without bound.
            skipped.incrementAndGet();
            return;
        }
        http.sendAsync(request(placement), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    try {
                        record(placement, response, failure, false);
                    } finally {
                        inFlight.release();
                    }
                });
    }

    /** Repeats every request whose answer was lost, with its key, until each has an answer. */
    void resolveUnanswered() throws InterruptedException {
        for (int attempt = 0; attempt < 10 && !unanswered.isEmpty(); attempt++) {
            for (Placement placement : List.copyOf(unanswered)) {
                unanswered.remove(placement);
                try {
                    record(placement, http.send(request(placement), HttpResponse.BodyHandlers.ofString()), null, true);
                } catch (IOException e) {
                    record(placement, null, e, true);
                }
            }
            if (!unanswered.isEmpty()) {
                Thread.sleep(2000);
            }
        }
    }

    private void record(Placement placement, HttpResponse<String> response, Throwable failure, boolean replay) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                // Never reached the service: certainly no order.
                count("connect-refused");
            } else {
                count("unanswered:" + cause.getClass().getSimpleName());
                unanswered.add(placement);
            }
            return;
        }
        int status = response.statusCode();
        count((replay ? "replay-" : "") + status);
        if (status == 201 || (replay && status == 200)) {
            accepted.put(JSON.readTree(response.body()).path("id").asString(), placement.productId());
        }
    }

    private HttpRequest request(Placement placement) {
        return HttpRequest.newBuilder(DrillPlatform.uri(DrillPlatform.ORDER, "/api/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + placement.buyer().token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", placement.key())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"items\":[{\"productId\":\"" + placement.productId() + "\",\"quantity\":1}]}"))
                .build();
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    String summary() {
        return "accepted " + accepted.size() + ", outcomes " + new TreeMap<>(outcomes) + ", skipped (client saturated) "
                + skipped.get() + ", still unanswered " + unanswered.size();
    }
}
