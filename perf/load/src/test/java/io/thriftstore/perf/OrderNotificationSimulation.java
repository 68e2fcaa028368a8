package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Order -> seller notification latency at a real STOMP client, as an open model: orders arrive at a fixed
 * offered rate (Gatling's {@code constantUsersPerSec}, one new virtual user per order) whatever the latency, one
 * measured phase per rate of {@code -Drates=10,20,50} (default {@code -Drate}), after a warm-up at a quarter of the
 * highest rate. Each order goes to one of {@code users} sellers, round robin, whose sockets to notification-service
 * stay open and subscribed for the whole run ({@link SellerSockets}).
 *
 * <p>Measured per order: from just before POST /api/orders is sent to the seller's ORDER_RECEIVED frame naming
 * it (order-service's transaction -> outbox relay -> order-events -> consumer-service -> outbox relay ->
 * notification-events -> notification-service -> STOMP: two Kafka hops). Per phase, written to {@code -Dout}:
 * offered and accepted orders, the share delivered within {@code frameTimeout} s (a failed POST counts as not
 * delivered), p50/p95/p99/max of the delivered ones, the POST's p50/p99, and the phase's wall-clock window (for
 * the CPU per order perf/run.sh works out). {@code -Dclocks} gets each measured order's client clocks (POST sent,
 * frame received, epoch ms) for perf-baseline's {@code hops}.
 */
public class OrderNotificationSimulation extends Simulation {

    static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("frameTimeout", 10));

    /** One order as the client saw it; {@code step} is the index into Perf.RATES, -1 in the warm-up. */
    record Sent(int step, String orderId, long sentNanos, long sentEpochMillis, long answeredNanos) {
    }

    final List<Perf.User> buyers = Perf.users("nbuyer", Perf.USERS);
    final List<Perf.User> sellers = Perf.users("nseller", Perf.USERS);
    final List<String> productIds = Perf.listProducts(sellers, 1, 10_000).stream().map(l -> l.get(0)).toList();
    final SellerSockets sockets = new SellerSockets(sellers.stream().map(Perf.User::token).toList(), Perf.WS_NOTIFICATION);
    final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    final AtomicInteger next = new AtomicInteger();

    // No client cache: products carry ETags, and a 304 would measure the cache instead of the service.
    final HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching().acceptHeader("application/json")
            .contentTypeHeader("application/json");

    static String stepName(int rate) {
        return "order to seller frame at " + rate + "/s";
    }

    ChainBuilder order(int step, String name) {
        return exec(session -> {
            int i = Math.floorMod(next.getAndIncrement(), Perf.USERS);
            return session.setAll(Map.of("buyerToken", buyers.get(i).token(), "productId", productIds.get(i),
                    "sentNanos", System.nanoTime(), "sentEpochMillis", System.currentTimeMillis()));
        })
                .exec(http(name + ": POST /api/orders").post(Perf.ORDER + "/api/orders")
                        .header("Authorization", "Bearer #{buyerToken}")
                        .body(StringBody("{\"items\":[{\"productId\":\"#{productId}\",\"quantity\":1}]}"))
                        .check(status().is(201), jsonPath("$.id").saveAs("orderId")))
                .exec(session -> {
                    long answered = System.nanoTime();
                    String orderId = session.isFailed() || !session.contains("orderId") ? null : session.getString("orderId");
                    sent.add(new Sent(step, orderId, session.getLong("sentNanos"), session.getLong("sentEpochMillis"), answered));
                    return session;
                });
    }

    {
        // Before the first order: every seller's SUBSCRIBE has travelled (no RECEIPT from the simple broker).
        pauseQuietly(Duration.ofSeconds(1));
        int warmRate = Math.max(1, Perf.RATES.stream().max(Integer::compare).orElse(Perf.RATE) / 4);
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int s = 0; s < Perf.RATES.size(); s++) {
            int rate = Perf.RATES.get(s);
            steps.add(scenario(stepName(rate)).exec(order(s, stepName(rate)))
                    .injectOpen(constantUsersPerSec(rate).during(Perf.DURATION)));
        }
        // Phases one after another: andThen starts the next once the previous one's users are done (POST answered).
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int s = steps.size() - 2; s >= 0; s--) {
            chain = steps.get(s).andThen(chain);
        }
        setUp(scenario("warm-up").exec(order(-1, Perf.WARM + "order to seller frame"))
                .injectOpen(constantUsersPerSec(warmRate).during(Perf.WARMUP))
                .andThen(chain)
        ).protocols(protocol);
    }

    @Override
    public void after() {
        // The last orders' frames are still travelling: wait for them, at most the timeout past the last POST.
        long deadline = sent.stream().mapToLong(Sent::sentNanos).max().orElse(System.nanoTime()) + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline
                && sent.stream().anyMatch(o -> o.step() >= 0 && o.orderId() != null && sockets.arrival(o.orderId()) == null)) {
            pauseQuietly(Duration.ofMillis(100));
        }
        long endEpochMillis = System.currentTimeMillis();
        sockets.close();
        List<String> results = new ArrayList<>();
        List<String> clocks = new ArrayList<>();
        for (int s = 0; s < Perf.RATES.size(); s++) {
            int step = s;
            List<Sent> orders = sent.stream().filter(o -> o.step() == step).toList();
            // A phase's window: its first POST to the next phase's first POST (the last: once its frames are in).
            long start = orders.stream().mapToLong(Sent::sentEpochMillis).min().orElse(endEpochMillis);
            long end = sent.stream().filter(o -> o.step() == step + 1).mapToLong(Sent::sentEpochMillis).min().orElse(endEpochMillis);
            results.add(summary(Perf.RATES.get(s), orders, start, end));
            for (Sent o : orders) {
                SellerSockets.Arrival frame = o.orderId() == null ? null : sockets.arrival(o.orderId());
                if (o.orderId() != null) {
                    clocks.add(o.orderId() + " " + o.sentEpochMillis() + " " + (frame == null ? -1 : frame.epochMillis()));
                }
            }
        }
        results.forEach(System.out::println);
        write(System.getProperty("out"), results);
        write(System.getProperty("clocks"), clocks);
    }

    String summary(int rate, List<Sent> orders, long startEpochMillis, long endEpochMillis) {
        long accepted = orders.stream().filter(o -> o.orderId() != null).count();
        long[] frames = orders.stream().filter(o -> o.orderId() != null && sockets.arrival(o.orderId()) != null)
                .mapToLong(o -> sockets.arrival(o.orderId()).nanos() - o.sentNanos()).sorted().toArray();
        long inTime = Arrays.stream(frames).filter(n -> n <= TIMEOUT.toNanos()).count();
        long[] posts = orders.stream().mapToLong(o -> o.answeredNanos() - o.sentNanos()).sorted().toArray();
        return String.format(Locale.ROOT, "RESULT notify rate=%d offered=%d accepted=%d delivered=%d deliveredPct=%.2f within=%d"
                        + " p50=%d p95=%d p99=%d max=%d postP50=%d postP99=%d start=%d end=%d",
                rate, orders.size(), accepted, inTime, orders.isEmpty() ? 0.0 : 100.0 * inTime / orders.size(),
                TIMEOUT.toMillis(), ms(frames, 50), ms(frames, 95), ms(frames, 99), ms(frames, 100), ms(posts, 50),
                ms(posts, 99), startEpochMillis, endEpochMillis);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in whole ms; -1 when nothing was measured. */
    static long ms(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
        return Math.round(sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6);
    }

    static void write(String file, List<String> lines) {
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.write(Path.of(file), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pauseQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
