package io.thriftstore.product.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Gives back the stock of holds whose order never committed (order-service crashed, or its transaction failed,
 * between the hold and the commit). Safe with several instances: each step is a conditional single-document
 * update, so one instance moves a hold to RELEASING and the others find it moved; giving back is idempotent.
 */
@Component
class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int BATCH = 100;

    private final Reservations reservations;
    private final StockReservations stock;
    private final Clock clock;

    HoldExpiry(Reservations reservations, StockReservations stock, Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${thriftstore.product.hold.check-interval:5s}")
    void releaseExpiredHolds() {
        Instant now = clock.instant();
        List<Reservation> expired;
        do {
            expired = reservations.expiredBy(now, BATCH);
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
}
