package io.thriftstore.platform.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.thriftstore.testing.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/**
 * Several instances share one database: the lease lets exactly one of them relay at a time (against the
 * MongoDB stand-in of the other tests).
 */
class MongoLeaseIT {

    private static final Duration TTL = Duration.ofSeconds(30);

    static MongoClient client;
    static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongo().connectionString());
        mongo = new MongoTemplate(client, "lease" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    String name = "test-lease-" + UUID.randomUUID();

    @Test
    void whileOneInstanceHoldsTheLeaseNoOtherGetsIt() {
        MongoLease first = lease();
        MongoLease second = lease();

        assertThat(first.tryAcquire()).isTrue();
        assertThat(second.tryAcquire()).isFalse();
        assertThat(first.tryAcquire()).as("the holder renews it").isTrue();
        clock.advance(TTL.minusSeconds(1));
        assertThat(second.tryAcquire()).isFalse();
    }

    @Test
    void aLeaseThatWasNotRenewedExpiresAndAnotherInstanceTakesOver() {
        MongoLease crashed = lease();
        MongoLease survivor = lease();
        crashed.tryAcquire();

        clock.advance(TTL.plusSeconds(1));

        assertThat(survivor.tryAcquire()).isTrue();
        assertThat(crashed.tryAcquire()).as("the old holder has lost it").isFalse();
    }

    @Test
    void aLeaseGivenUpOnShutdownIsTakenAtOnce() {
        MongoLease stopping = lease();
        MongoLease other = lease();
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

    private MongoLease lease() {
        return new MongoLease(mongo, name, clock, TTL);
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
