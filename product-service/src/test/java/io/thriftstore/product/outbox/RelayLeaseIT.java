package io.thriftstore.product.outbox;

import io.thriftstore.product.ProductServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several instances share one database: the lease lets exactly one of them relay at a time. */
@ProductServiceIT
class RelayLeaseIT {

    private static final Duration TTL = Duration.ofSeconds(30);

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RelayProperties relay;

    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    String name = "test-lease-" + UUID.randomUUID();

    @Test
    void whileOneInstanceHoldsTheLeaseNoOtherGetsIt() {
        RelayLease first = lease();
        RelayLease second = lease();

        assertThat(first.tryAcquire()).isTrue();
        assertThat(second.tryAcquire()).isFalse();
        assertThat(first.tryAcquire()).as("the holder renews it").isTrue();
        clock.advance(TTL.minusSeconds(1));
        assertThat(second.tryAcquire()).isFalse();
    }

    @Test
    void aLeaseThatWasNotRenewedExpiresAndAnotherInstanceTakesOver() {
        RelayLease crashed = lease();
        RelayLease survivor = lease();
        crashed.tryAcquire();

        clock.advance(TTL.plusSeconds(1));

        assertThat(survivor.tryAcquire()).isTrue();
        assertThat(crashed.tryAcquire()).as("the old holder has lost it").isFalse();
    }

    /**
     * A killed instance cannot give its lease up, so its restarted process waits for the TTL before it relays,
     * and orders wait for their inventory answers as long. A pass must still fit in the lease (its sends wait
     * at most the send timeout), or a second instance could relay beside it.
     */
    @Test
    void aKilledRelaysLeaseIsFreeWithinSecondsAndAPassFitsInIt() {
        assertThat(relay.leaseTtl()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(relay.sendTimeout()).isLessThanOrEqualTo(relay.leaseTtl().dividedBy(2));
    }

    @Test
    void aLeaseGivenUpOnShutdownIsTakenAtOnce() {
        RelayLease stopping = lease();
        RelayLease other = lease();
        stopping.tryAcquire();

        stopping.release();

        assertThat(other.tryAcquire()).isTrue();
    }

    @Test
    void ofInstancesRacingForAFreeLeaseExactlyOneWins() throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(8);
        try {
            var attempts = IntStream.range(0, 8).mapToObj(i -> lease())
                .map(lease -> (Callable<Boolean>) lease::tryAcquire).toList();
            long winners = 0;
            for (Future<Boolean> won : instances.invokeAll(attempts)) {
                winners += won.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        finally {
            instances.shutdownNow();
        }
    }

    private RelayLease lease() {
        return new RelayLease(mongo, name, clock, TTL);
    }

    /** A clock the test moves by hand. */
    static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
