package io.thriftstore.platform.web;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;

import io.micrometer.core.instrument.Counter;

/**
 * Work refused because a service is busy, made visible to an operator in two places: a counter on
 * /actuator/prometheus, and one WARN line when refusals start after a quiet spell, not one per refusal, which under
 * overload would add log work to a saturated service.
 */
public final class Refusals {

    /** Refusals this far apart are separate overloads, each announced once. */
    public static final Duration QUIET = Duration.ofSeconds(30);

    private final Counter counter;
    private final Logger log;
    private final Object lastLock = new Object();
    /** When the last refusal came; starts a quiet spell in the past, so the first refusal is announced. */
    private long lastNanos = System.nanoTime() - QUIET.toNanos() - 1;

    public Refusals(Counter counter, Logger log) {
        this.counter = counter;
        this.log = log;
    }

    /** Counts one refusal; the first of an overload also logs {@code warning}. */
    public void refused(Supplier<String> warning) {
        counter.increment();
        if (startsAnOverload(System.nanoTime())) {
            log.warn(warning.get());
        }
    }

    private boolean startsAnOverload(long now) {
        synchronized (lastLock) {
            boolean starts = now - lastNanos > QUIET.toNanos();
            lastNanos = now;
            return starts;
        }
    }
}
