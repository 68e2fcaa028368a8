package io.thriftstore.order.order;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * At most so many orders placed at once: the resilience4j bulkhead {@code placing}
 * ({@code resilience4j.bulkhead.instances.placing}, ORDER_PLACING_MAX and ORDER_PLACING_WAIT). An order that finds every
 * slot taken waits a moment for one and is then refused, nothing held. Without the limit an overload (more orders
 * offered than two cores place) piled up unbounded virtual threads, each waiting on product-service or a database
 * connection, until order-service ran out of heap.
 * <p>
 * An operator sees refusals in two places: the counter {@code orders.refused{reason="busy"}} on /actuator/prometheus
 * (beside resilience4j's own bulkhead gauges), and one WARN line when refusals start after a quiet spell, not one per
 * refused order, which under overload would add log work to a saturated service.
 */
@Component
class PlacingLimit {

    static final String BULKHEAD = "placing";

    private static final Logger log = LoggerFactory.getLogger(PlacingLimit.class);

    /** Refusals this far apart are separate overloads, each announced once. */
    static final Duration QUIET = Duration.ofSeconds(30);

    private final Bulkhead bulkhead;
    private final Counter refused;
    private final Object lastRefusalLock = new Object();
    /** When the last refusal came; starts a quiet spell in the past, so the first refusal is announced. */
    private long lastRefusalNanos = System.nanoTime() - QUIET.toNanos() - 1;

    PlacingLimit(BulkheadRegistry bulkheads, MeterRegistry meters) {
        this.bulkhead = bulkheads.bulkhead(BULKHEAD);
        this.refused = Counter.builder("orders.refused").tag("reason", "busy")
            .description("Orders refused with 503 because too many were being placed at once")
            .register(meters);
    }

    /** Runs {@code placing} in a slot; without one in time, the exception {@code refusal} makes (a 503). */
    <T> T place(Supplier<T> placing, Supplier<RuntimeException> refusal) {
        try {
            return bulkhead.executeSupplier(placing);
        }
        catch (BulkheadFullException full) {
            refused.increment();
            if (startsAnOverload(System.nanoTime())) {
                log.warn("Refusing orders with 503: {} are being placed at once and no slot freed up within {} ms "
                    + "(ORDER_PLACING_MAX, ORDER_PLACING_WAIT). Logged once per overload; the count is the metric "
                    + "orders.refused{reason=\"busy\"}", bulkhead.getBulkheadConfig().getMaxConcurrentCalls(),
                    bulkhead.getBulkheadConfig().getMaxWaitDuration().toMillis());
            }
            throw refusal.get();
        }
    }

    private boolean startsAnOverload(long now) {
        synchronized (lastRefusalLock) {
            boolean starts = now - lastRefusalNanos > QUIET.toNanos();
            lastRefusalNanos = now;
            return starts;
        }
    }
}
