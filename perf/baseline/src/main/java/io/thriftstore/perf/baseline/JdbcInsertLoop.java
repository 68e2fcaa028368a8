package io.thriftstore.perf.baseline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * The ceiling without HTTP: N clients (default 8), each on its own connection, inserting an order row plus
 * an outbox row per transaction as fast as they can. Warms up first, then measures for the given time.
 *
 * <pre>jdbc [--url jdbc:postgresql://localhost:5432] [--clients 8] [--warmup 5] [--duration 20]</pre>
 * Prints one line {@code RESULT jdbc-insert-outbox tps=... p50=... p95=... p99=... errors=...} (ms).
 */
final class JdbcInsertLoop {

    private JdbcInsertLoop() {
    }

    static void insertOrderAndOutbox(Connection c, UUID id) throws SQLException {
        try (PreparedStatement order = c.prepareStatement("""
                insert into orders (id, buyer_id, buyer_name, seller_id, seller_name, total, currency, status,
                                    created_at, updated_at, version)
                values (?, ?, 'Buyer', ?, 'Seller', ?, 'USD', 'PENDING', ?, ?, 0)""");
             PreparedStatement outbox = c.prepareStatement("""
                insert into outbox (event_id, topic, event_key, event_type, payload)
                values (?, 'order-events', ?, 'order.created.v1', ?)""")) {
            var now = BaselineController.now();
            order.setObject(1, id);
            order.setString(2, "user_buyer_" + (id.hashCode() & 1023));
            order.setString(3, "user_seller_" + (id.hashCode() >>> 22));
            order.setBigDecimal(4, new BigDecimal("42.50"));
            order.setTimestamp(5, now);
            order.setTimestamp(6, now);
            order.executeUpdate();
            outbox.setObject(1, UUID.randomUUID());
            outbox.setString(2, id.toString());
            outbox.setBytes(3, BaselineController.payload(id));
            outbox.executeUpdate();
        }
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        String server = a.get("--url", BaselineApplication.serverUrl());
        int clients = a.getInt("--clients", 8);
        long warmupSeconds = a.getInt("--warmup", 5);
        long durationSeconds = a.getInt("--duration", 20);
        BaselineSchema.ensure(server, "postgres", "postgres");

        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(10), 3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(durationSeconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(BaselineSchema.url(server), "postgres", "postgres")) {
                    c.setAutoCommit(false);
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return;
                        }
                        try {
                            insertOrderAndOutbox(c, UUID.randomUUID());
                            c.commit();
                            if (t0 >= measureFrom) {
                                recorder.recordValue((System.nanoTime() - t0) / 1000);
                                done.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            c.rollback();
                            if (t0 >= measureFrom) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "jdbc-client-" + i);
            thread.start();
            threads.add(thread);
        }
        // Discard what the warm-up recorded; the interval histogram from here on is the measurement.
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime()));
        recorder.getIntervalHistogram();
        for (Thread t : threads) {
            t.join();
        }
        Histogram h = recorder.getIntervalHistogram();
        System.out.printf("RESULT jdbc-insert-outbox clients=%d tps=%.0f p50=%.2f p95=%.2f p99=%.2f errors=%d%n",
                clients, done.get() / (double) durationSeconds, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, errors.get());
    }
}
