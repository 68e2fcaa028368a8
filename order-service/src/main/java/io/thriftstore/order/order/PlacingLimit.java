package io.thriftstore.order.order;

import java.util.function.Supplier;

import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thriftstore.platform.web.Refusals;

/**
 * At most so many orders placed at once: the resilience4j bulkhead {@code placing}
 * ({@code resilience4j.bulkhead.instances.placing}, ORDER_PLACING_MAX and ORDER_PLACING_WAIT). An order that finds every
 * slot taken waits a moment for one and is then refused, nothing held. It was the first bound on an overload's
 * virtual threads; it came too late in the request (after authentication and the write limit's database
 * transaction), so platform-commons' front door ({@code thriftstore.web.max-in-flight}) now bounds every request
 * before any work; this limit still counts placings alone.
 * <p>
 * An operator sees refusals as platform-commons' {@link Refusals} shows them: the counter
 * {@code orders.refused{reason="busy"}} on /actuator/prometheus (beside resilience4j's own bulkhead gauges) and one WARN
 * line per overload.
 */
@Component
class PlacingLimit {

    static final String BULKHEAD = "placing";

    private final Bulkhead bulkhead;
    private final Refusals refused;

    PlacingLimit(BulkheadRegistry bulkheads, MeterRegistry meters) {
        this.bulkhead = bulkheads.bulkhead(BULKHEAD);
        this.refused = new Refusals(Counter.builder("orders.refused").tag("reason", "busy")
            .description("Orders refused with 503 because too many were being placed at once")
            .register(meters), LoggerFactory.getLogger(PlacingLimit.class));
    }

    /** Runs {@code placing} in a slot; without one in time, the exception {@code refusal} makes (a 503). */
    <T> T place(Supplier<T> placing, Supplier<RuntimeException> refusal) {
        try {
            return bulkhead.executeSupplier(placing);
        }
        catch (BulkheadFullException full) {
            refused.refused(() -> "Refusing orders with 503: " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                + " are being placed at once and no slot freed up within "
                + bulkhead.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms (ORDER_PLACING_MAX, "
                + "ORDER_PLACING_WAIT). Logged once per overload; the count is the metric orders.refused{reason=\"busy\"}");
            throw refusal.get();
        }
    }
}
