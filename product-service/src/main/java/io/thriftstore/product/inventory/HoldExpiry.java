package io.thriftstore.product.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Gives back the stock of holds whose order never committed (order-service crashed, or its transaction failed,
 * between the hold and the commit). Safe with several instances: each step is a conditional single-document
 * update, so one instance moves a hold to RELEASING and the others find it moved; giving back is idempotent.
 * <p>
 * Only once order-events has been read up to the expiry ({@link OrderEventsProgress}): while Kafka is down or this
 * service lags, an expired hold may belong to a committed order whose order.created is still on its way, and giving
 * its stock back would sell it twice.
 */
@Component
class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int BATCH = 100;
    private static final Duration WARN_AFTER = Duration.ofSeconds(30);

    private final Reservations reservations;
    private final StockReservations stock;
    private final Clock clock;
    private final OrderEventsProgress orderEvents;
    private Instant waitingSince;
    private boolean warned;

    HoldExpiry(Reservations reservations, StockReservations stock, Clock clock, OrderEventsProgress orderEvents) {
        this.reservations = reservations;
        this.stock = stock;
        this.clock = clock;
        this.orderEvents = orderEvents;
    }

    @Scheduled(fixedDelayString = "${thriftstore.product.hold.check-interval:5s}")
    void releaseExpiredHolds() {
        Instant now = clock.instant();
        List<Reservation> expired;
        do {
            expired = reservations.expiredBy(now, BATCH);
            if (expired.isEmpty() || !readUpTo(expired.get(expired.size() - 1).expiresAt())) {
                return;
            }
            for (Reservation hold : expired) {
                try {
                    stock.expire(hold, now);
                    log.info("Released the stock held for order {}: it did not commit in time", hold.orderId());
                }
                catch (RuntimeException failed) {
                    // The next run tries again; one hold that keeps failing must not stop the others.
                    log.warn("Could not release the expired hold of order {}: {}", hold.orderId(), failed.toString());
                }
            }
        } while (expired.size() == BATCH);
    }

    /** Whether order-events is read up to {@code expiry}; says so when holds have waited for it for a while. */
    private boolean readUpTo(Instant expiry) {
        boolean read = orderEvents.readEverythingWrittenBefore(expiry);
        Instant now = clock.instant();
        if (read) {
            if (waitingSince != null && warned) {
                log.info("order-events is read up to the expired holds again; releasing them");
            }
            waitingSince = null;
            warned = false;
        }
        else if (waitingSince == null) {
            waitingSince = now; // a moment behind under load is normal: the next run will do
        }
        else if (!warned && waitingSince.plus(WARN_AFTER).isBefore(now)) {
            warned = true;
            log.warn("Expired stock holds are kept until order-events is read up to their expiry (Kafka down, or this "
                + "service behind for {} s): an order that committed in time may still be on its way",
                WARN_AFTER.toSeconds());
        }
        return read;
    }
}
