package io.thriftstore.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;

/**
 * A per-key token bucket ({@code permits} per {@code period}, refilled smoothly), held in memory on
 * this instance. The platform's write limit is the bean named {@code writeRateLimits}; other
 * limits (chat sends over STOMP) create their own instance:
 *
 * <pre>{@code
 * RateLimits sends = new RateLimits(20, Duration.ofSeconds(10));
 * RateLimits.Decision decision = sends.tryConsume(user.id());
 * if (!decision.allowed()) { ... decision.retryAfter() ... }
 * }</pre>
 *
 * Memory is bounded: a key idle for a whole period is dropped (its bucket would be full again anyway,
 * so nothing is lost), and at most {@code maxKeys} keys are kept.
 */
public final class RateLimits {

    private final long permits;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public RateLimits(long permits, Duration period) {
        this(permits, period, 100_000);
    }

    public RateLimits(long permits, Duration period, long maxKeys) {
        if (permits < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs at least one permit per positive period");
        }
        this.permits = permits;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
    }

    /** Takes one permit for {@code key} if one is left. */
    public Decision tryConsume(String key) {
        ConsumptionProbe probe = buckets.get(key, unused -> newBucket()).tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(),
            Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    public long permits() {
        return permits;
    }

    public Duration period() {
        return period;
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period)).build();
    }

    /** Whether the permit was taken, how many are left, and when the next one comes (zero when allowed). */
    public record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }
}
