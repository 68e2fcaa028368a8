package io.thriftstore.order.timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.thriftstore.order.order.OrderService;

/**
 * Rejects, with reason TIMEOUT, orders that stayed PENDING longer than {@code thriftstore.order.pending-timeout}
 * (product-service never answered). Safe with several instances: each batch locks its rows with
 * {@code FOR UPDATE SKIP LOCKED}, and the state machine refuses an order that is no longer PENDING.
 */
@Component
class PendingOrderTimeout {

    private static final Logger log = LoggerFactory.getLogger(PendingOrderTimeout.class);
    private static final int BATCH = 100;

    private final OrderService orders;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();

    PendingOrderTimeout(OrderService orders, @Value("${thriftstore.order.pending-timeout:2m}") Duration timeout) {
        this.orders = orders;
        this.timeout = timeout;
    }

    @Scheduled(fixedDelayString = "${thriftstore.order.timeout-check-interval:10s}",
               initialDelayString = "${thriftstore.order.timeout-check-interval:10s}")
    void rejectTimedOutOrders() {
        Instant cutoff = Instant.now(clock).minus(timeout);
        int rejected;
        do {
            rejected = orders.rejectPendingPlacedBefore(cutoff, BATCH);
            if (rejected > 0) {
                log.info("Rejected {} order(s) still PENDING after {}", rejected, timeout);
            }
        } while (rejected == BATCH);
    }
}
