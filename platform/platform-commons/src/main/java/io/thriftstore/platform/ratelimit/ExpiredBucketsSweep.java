package io.thriftstore.platform.ratelimit;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes buckets whose time has passed, so that the store does not keep one row per user who ever wrote. A
 * bucket expires once it would be full again (plus a margin): deleting it forgets nothing. Every instance
 * sweeps; deleting an expired row twice is harmless, and PostgreSQL's sweep skips rows locked by a request.
 */
public final class ExpiredBucketsSweep implements SmartLifecycle {

    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(ExpiredBucketsSweep.class);

    private final ExpiredEntriesCleaner buckets;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public ExpiredBucketsSweep(ExpiredEntriesCleaner buckets, Duration interval) {
        this.buckets = buckets;
        this.interval = interval;
    }

    /** One sweep: batches until no expired bucket is left. */
    public int sweep() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(BATCH);
            removed += batch;
        } while (batch == BATCH);
        return removed;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rate-limit-sweep");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int removed = sweep();
                log.debug("Removed {} expired rate-limit buckets", removed);
            }
            catch (RuntimeException e) {
                // The store is down or busy: the next round tries again; nothing depends on this one.
                log.warn("Removing expired rate-limit buckets failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
