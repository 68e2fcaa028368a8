package io.thriftstore.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * A per-key token bucket ({@code permits} per {@code period}, refilled smoothly). Bucket4j does the bucket
 * maths; the buckets live either in this instance's memory ({@link #RateLimits(long, Duration)}) or in a store
 * every instance of the service reads ({@link #shared}): the platform's write limit is the bean named
 * {@code writeRateLimits}, shared when the service has a PostgreSQL or MongoDB store ({@code ratelimit} package).
 *
 * <pre>{@code
 * RateLimits sends = new RateLimits(20, Duration.ofSeconds(10));
 * RateLimits.Decision decision = sends.tryConsume(user.id());
 * if (!decision.allowed()) { ... decision.retryAfter() ... }
 * }</pre>
 *
 * Memory is bounded: a key idle for a whole period is dropped (its bucket would be full again anyway,
 * so nothing is lost), and at most {@code maxKeys} keys are kept.
 *
 * <p>Buckets in memory read the time from a {@link Clock} (the system clock unless one is given), so a test can
 * move time on instead of waiting for it; the buckets of a shared store read the store's time.
 *
 * <p>A shared store that fails (down, refusing, timing out) must not fail the request it guards: the limit then
 * falls back to buckets in this instance's memory for {@link #STORE_RETRY_AFTER} (so each instance still limits,
 * at most N instances times the limit), logs one warning per outage, and tries the store again after that.
 * The guarded write meets the same outage on its own and answers it (503), not the limiter.
 */
public final class RateLimits {

    /** How long a failed shared store is left alone before the next request tries it again. */
    public static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final String name;
    private final long permits;
    private final Duration period;
    private final Cache<String, Bucket> local;
    private final ProxyManager<String> shared;
    private final BucketConfiguration configuration;
    private final TimeMeter time;
    private volatile long storeRetryAt;
    private volatile boolean storeDown;

    public RateLimits(long permits, Duration period) {
        this(permits, period, 100_000);
    }

    public RateLimits(long permits, Duration period, long maxKeys) {
        this(permits, period, maxKeys, Clock.systemUTC());
    }

    /** Buckets in memory that refill as {@code clock} moves on. */
    public RateLimits(long permits, Duration period, long maxKeys, Clock clock) {
        this("local", permits, period, maxKeys, null, clock);
    }

    private RateLimits(String name, long permits, Duration period, long maxKeys, ProxyManager<String> shared, Clock clock) {
        if (permits < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs at least one permit per positive period");
        }
        this.name = name;
        this.permits = permits;
        this.period = period;
        this.configuration = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period)).build();
        this.local = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
        this.shared = shared;
        this.time = timeMeter(clock);
        this.storeRetryAt = System.nanoTime();
    }

    /**
     * Buckets kept in {@code store}, seen by every instance that uses the same store and {@code name}; the name
     * keeps one limit's keys apart from another's ({@code writes:user_1}).
     */
    public static RateLimits shared(String name, long permits, Duration period, long maxKeys, ProxyManager<String> store) {
        return new RateLimits(name, permits, period, maxKeys, store, Clock.systemUTC());
    }

    /**
     * Bucket4j's time source read from {@code clock}, in milliseconds: for the system clock this is exactly
     * Bucket4j's default for local buckets ({@link TimeMeter#SYSTEM_MILLISECONDS}, currentTimeMillis).
     */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one permit for {@code key} if one is left. */
    public Decision tryConsume(String key) {
        ConsumptionProbe probe = withBucket(key, bucket -> bucket.tryConsumeAndReturnRemaining(1));
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
            Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Takes one permit for {@code key} even when none is left: the bucket goes into debt, and later requests wait
     * for it to be paid back. For uses that were not asked first (another instance accepted them).
     */
    public void consumeIgnoringLimit(String key) {
        withBucket(key, bucket -> bucket.consumeIgnoringRateLimits(1));
    }

    /** Gives back a permit taken for something that then did not happen (never above the capacity). */
    public void giveBack(String key) {
        withBucket(key, bucket -> {
            bucket.addTokens(1);
            return null;
        });
    }

    /** The permits {@code key} has left now (negative while in debt); takes none. */
    public long available(String key) {
        return withBucket(key, Bucket::getAvailableTokens);
    }

    public long permits() {
        return permits;
    }

    public Duration period() {
        return period;
    }

    /** Whether the buckets are in a shared store (which may be failing over to memory right now). */
    public boolean isShared() {
        return shared != null;
    }

    private <T> T withBucket(String key, Function<Bucket, T> action) {
        if (shared != null && System.nanoTime() - storeRetryAt >= 0) {
            try {
                T result = action.apply(shared.builder().build(name + ":" + key, () -> configuration));
                if (storeDown) {
                    storeDown = false;
                    log.info("Rate limit '{}': its store answers again; the limit holds across instances again", name);
                }
                return result;
            }
            catch (RuntimeException failure) {
                storeRetryAt = System.nanoTime() + STORE_RETRY_AFTER.toNanos();
                if (!storeDown) {
                    storeDown = true;
                    log.warn("Rate limit '{}': its store failed ({}); counting in this instance's memory, retrying the "
                        + "store every {} s", name, failure.toString(), STORE_RETRY_AFTER.toSeconds());
                }
            }
        }
        return action.apply(local.get(key, unused -> Bucket.builder().withCustomTimePrecision(time)
            .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period)).build()));
    }

    /** Whether the permit was taken, how many are left, and when the next one comes (zero when allowed). */
    public record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }
}
