package io.thriftstore.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import io.thriftstore.platform.outbox.OutboxStore.Batch;
import io.thriftstore.platform.outbox.OutboxStore.StoredEvent;
import io.thriftstore.platform.tracing.TraceParents;

/**
 * Publishes an {@link OutboxStore} to Kafka, whichever the store (a PostgreSQL table, MongoDB
 * documents): each key's events in the order they were written, the stored bytes unchanged.
 *
 * <p>Why not Spring Modulith's event publication registry with Kafka externalization
 * (evaluated at 2.0.3, details in the README): it externalizes each event on its own,
 * asynchronously after commit, in whichever instance committed it, and sends a failed
 * publication again only when the application resubmits it, so a later event of a key reaches
 * Kafka before an earlier one that failed (ordering is not promised: spring-modulith#415); it
 * has no retry scheduler with backoff; and it re-serialises the event object with the
 * template's serializer instead of sending the bytes committed in the transaction (our sealed
 * {@code EventData} payload cannot even be read back from its registry). Hence this relay.
 *
 * <p>How order per key holds across failures: a round sends in <em>waves</em>; a wave holds
 * the oldest unsent row of every key in the batch, so no two rows of a key are ever in flight
 * together, and a key's next row is sent only after Kafka acknowledged the previous one. A
 * row that fails takes its key out of the round: nothing later of that key is sent, and the
 * row stays pending for the next round. A later row therefore never overtakes an earlier one;
 * what can happen is a resend (a crash after Kafka acknowledged but before the commit, or an
 * acknowledgement that came too late), which lands after the first copy and which consumers
 * drop by event id. Other keys go on publishing while one key is stuck. The cost: a single
 * key's backlog drains one round trip per event (about 1-10 ms each).
 *
 * <p>One relay at a time across instances: a round runs under
 * {@link OutboxStore#asOnlyRelay}. For PostgreSQL that is one transaction that first takes
 * {@code pg_try_advisory_xact_lock}, released at commit or rollback or when the holder's
 * connection dies, with the rows marked published in that same transaction; for MongoDB a lease
 * document with an expiry, renewed before every further wave ({@link OutboxStore#stillTheRelay}),
 * so a round never outlives it. Another instance skips the round and tries again at its next poll.
 *
 * <p>The loop is hand-written on one scheduled thread rather than {@code @Scheduled}: the delay
 * after each round depends on its outcome (at once while a backlog drains, the poll interval
 * when idle, an exponential capped backoff while Kafka refuses every record), and a service
 * should not have to enable scheduling for it.
 *
 * <p>Woken on commit: {@link Outbox#append} asks for a round right after its transaction commits
 * ({@link #wake()}), so an event is on its way within milliseconds instead of waiting for the
 * poll, which only remains the fallback (rows written by another instance, missed wakes). An
 * order passes three relays on its way to the seller's screen; at a 150 ms poll that alone was
 * about 225 ms on average and 450 ms at worst. Wakes run on the relay's one thread, between the
 * scheduled rounds, so rounds never overlap; many wakes while one is queued collapse into one
 * round; while Kafka refuses records, wakes change nothing and the backoff stands.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /**
     * The CloudEvents structured-mode marker that the platform's {@code EventEnvelopeSerializer}
     * puts on every record; relayed records carry the same.
     */
    private static final String CONTENT_TYPE_HEADER = "content-type";
    private static final byte[] STRUCTURED_CONTENT_TYPE =
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8);

    /** Extra wait for acknowledgements beyond the producer's own delivery timeout. */
    private static final Duration ACK_GRACE = Duration.ofSeconds(5);

    private final OutboxStore store;
    private final ProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final ExponentialBackOff backOffPolicy;

    private volatile boolean running;
    private ScheduledExecutorService executor;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    // Touched by the relay thread only.
    private BackOffExecution backOff;
    private int failedRounds;
    private long nextCleanup;

    OutboxRelay(OutboxStore store, ProducerFactory<String, byte[]> producers, OutboxProperties properties,
            OutboxMetrics metrics) {
        this.store = store;
        this.producers = producers;
        this.kafka = new KafkaTemplate<>(producers);
        // Failures are the relay's to report, once per outage, not one error line per record.
        this.kafka.setProducerListener(new ProducerListener<>() {
        });
        this.properties = properties;
        this.metrics = metrics;
        this.backOffPolicy = new ExponentialBackOff(properties.backoff().initial().toMillis(),
                properties.backoff().multiplier());
        this.backOffPolicy.setMaxInterval(properties.backoff().max().toMillis());
        this.backOff = backOffPolicy.start();
    }

    /**
     * What a round did; {@code firstError} describes the first failed send, if any, and
     * {@code lockedElsewhere} says that another instance is relaying.
     */
    record Round(int published, int failed, boolean batchFull, String firstError, boolean lockedElsewhere) {
        static final Round NOTHING_PENDING = new Round(0, 0, false, null, false);
        static final Round LOCKED_ELSEWHERE = new Round(0, 0, false, null, true);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        // On stop, the next round (maybe a backoff away) is dropped rather than waited for.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = scheduler;
        nextCleanup = System.nanoTime() + properties.cleanupInterval().toNanos();
        running = true;
        executor.execute(this::tick);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        executor.shutdown();
        try {
            // A round in progress finishes (it waits for acknowledgements at most this long).
            if (!executor.awaitTermination(properties.sendTimeout().plus(ACK_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producers.reset();
        try {
            store.releaseRelay();
        } catch (RuntimeException e) {
            log.debug("Could not give the relay up; it expires on its own: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Asks for a round now, on the relay's thread, unless one is already queued; the scheduled
     * rounds go on as before. Called after a transaction that appended events has committed.
     */
    void wake() {
        if (!running || wakeQueued.getAndSet(true)) {
            return;
        }
        try {
            executor.execute(this::wokenRound);
        } catch (RejectedExecutionException stopping) {
            wakeQueued.set(false);
        }
    }

    private void wokenRound() {
        wakeQueued.set(false);
        // While Kafka refuses records (failedRounds > 0) the scheduled backoff decides, not the writers.
        // A full batch means more is waiting: keep going, as the scheduled rounds would.
        boolean more = running && failedRounds == 0;
        while (more) {
            more = round(true) == 0 && running;
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        long delay = round(false);
        if (running) {
            try {
                executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stop() came between the check and the schedule: nothing more to do
            }
        }
    }

    /** @return the delay before the next scheduled round */
    private long round(boolean woken) {
        try {
            long delay = delayAfter(relayOnce(woken));
            cleanUpIfDue();
            return delay;
        } catch (RuntimeException e) {
            // The database is unreachable, or a statement failed: the state is in the store, try later.
            noteFailure("the outbox store cannot be read or updated", e);
            return backOff.nextBackOff();
        }
    }

    /**
     * One round: as the only relay, publish a batch and record the outcome in the store (for PostgreSQL,
     * in one transaction). {@code woken}: asked for by a write on this instance, see {@link OutboxStore#pending}.
     */
    Round relayOnce(boolean woken) {
        Optional<Round> done = store.asOnlyRelay(() -> {
            Batch batch = store.pending(properties.batchSize(), woken);
            if (batch.events().isEmpty()) {
                return Round.NOTHING_PENDING;
            }
            Outcome outcome = publish(batch.events());
            store.markSent(outcome.published());
            outcome.failures().forEach((event, error) -> store.recordFailure(event, describe(error)));
            return new Round(outcome.published().size(), outcome.failures().size(),
                    batch.full() || outcome.cutShort(),
                    outcome.failures().values().stream().findFirst().map(OutboxRelay::describe).orElse(null), false);
        });
        Round round = done.orElse(Round.LOCKED_ELSEWHERE);
        // Counted once committed: a round rolled back is published again.
        metrics.published(round.published());
        metrics.failed(round.failed());
        return round;
    }

    /**
     * The events acknowledged by Kafka, those that failed with why, and whether the round stopped early
     * because this instance is no longer the relay (the rest stays pending for the next round).
     */
    record Outcome(List<StoredEvent> published, Map<StoredEvent, Throwable> failures, boolean cutShort) {
    }

    /** Sends the batch in waves of at most one event per key (see the class comment). */
    Outcome publish(List<StoredEvent> batch) {
        Map<String, Deque<StoredEvent>> unsentByKey = new LinkedHashMap<>();
        for (StoredEvent event : batch) {
            unsentByKey.computeIfAbsent(event.key(), key -> new ArrayDeque<>()).add(event);
        }
        List<StoredEvent> published = new ArrayList<>();
        Map<StoredEvent, Throwable> failures = new LinkedHashMap<>();
        boolean kafkaUnavailable = false;
        boolean cutShort = false;
        while (!unsentByKey.isEmpty() && !kafkaUnavailable) {
            // A lease must still be ours before more is sent: a round never outlives it.
            if (!published.isEmpty() && !store.stillTheRelay()) {
                cutShort = true;
                break;
            }
            List<StoredEvent> wave = new ArrayList<>();
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (Deque<StoredEvent> unsent : unsentByKey.values()) {
                CompletableFuture<?> ack = send(unsent.peekFirst());
                wave.add(unsent.peekFirst());
                acks.add(ack);
                if (refusedForLackOfBroker(ack)) {
                    // No metadata within the timeout: every other send would wait just as long.
                    kafkaUnavailable = true;
                    break;
                }
            }
            long deadline = System.nanoTime() + properties.sendTimeout().plus(ACK_GRACE).toNanos();
            int failedInWave = 0;
            for (int i = 0; i < wave.size(); i++) {
                StoredEvent event = wave.get(i);
                Throwable error = awaitAck(acks.get(i), deadline);
                if (error == null) {
                    published.add(event);
                    Deque<StoredEvent> unsent = unsentByKey.get(event.key());
                    unsent.pollFirst();
                    if (unsent.isEmpty()) {
                        unsentByKey.remove(event.key());
                    }
                } else {
                    // The key is out of this round: none of its later rows may overtake this one.
                    failures.put(event, error);
                    unsentByKey.remove(event.key());
                    failedInWave++;
                }
            }
            // Nothing got through: Kafka is not taking records now, the next round comes after a backoff.
            kafkaUnavailable |= failedInWave == wave.size();
        }
        if (!failures.isEmpty()) {
            // A fresh producer for the next round: some errors leave a producer unusable for good.
            producers.reset();
        }
        return new Outcome(published, failures, cutShort);
    }

    private static boolean refusedForLackOfBroker(CompletableFuture<?> ack) {
        if (!ack.isCompletedExceptionally()) {
            return false;
        }
        try {
            ack.getNow(null);
            return false;
        } catch (CompletionException | CancellationException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                    return true;
                }
            }
            return false;
        }
    }

    private CompletableFuture<?> send(StoredEvent event) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), null, event.key(), event.payload());
            record.headers().add(CONTENT_TYPE_HEADER, STRUCTURED_CONTENT_TYPE);
            // The writer's trace, not the relay's: this template has no observation, so nothing else writes it.
            if (event.traceparent() != null) {
                record.headers().add(TraceParents.HEADER, event.traceparent().getBytes(StandardCharsets.US_ASCII));
            }
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return null once acknowledged, else why not */
    private static Throwable awaitAck(CompletableFuture<?> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new TimeoutException("no acknowledgement from Kafka in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private long delayAfter(Round round) {
        if (round.lockedElsewhere()) {
            return properties.pollInterval().toMillis();
        }
        if (round.failed() > 0 && round.published() == 0) {
            noteFailure(round.failed() + " event(s) could not be published: " + round.firstError(), null);
            return backOff.nextBackOff();
        }
        if (round.failed() > 0) {
            noteFailure(round.failed() + " event(s) could not be published (" + round.published() + " were): "
                    + round.firstError(), null);
        } else if (failedRounds > 0) {
            log.info("Outbox relay publishes again, after {} failed round(s)", failedRounds);
            failedRounds = 0;
        }
        backOff = backOffPolicy.start();
        return round.batchFull() && round.failed() == 0 ? 0 : properties.pollInterval().toMillis();
    }

    /** One warning when trouble starts, then debug lines only: a long outage must not flood the log. */
    private void noteFailure(String what, Exception cause) {
        if (failedRounds++ == 0) {
            log.warn("Outbox relay: {}; retrying with backoff (the events stay pending, in order){}",
                    what, cause == null ? "" : ": " + describe(cause));
        } else {
            log.debug("Outbox relay: {} (failed round {})", what, failedRounds, cause);
        }
    }

    private void cleanUpIfDue() {
        if (System.nanoTime() - nextCleanup < 0) {
            return;
        }
        nextCleanup = System.nanoTime() + properties.cleanupInterval().toNanos();
        long deleted = store.deleteExpired(properties.publishedRetention(), properties.consumedRetention());
        if (deleted > 0) {
            log.debug("Outbox housekeeping deleted {} expired row(s)", deleted);
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
