package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** 429: too many writes; answered with {@code Retry-After} in whole seconds (at least 1). */
public class RateLimitedException extends ProblemException {

    private final Duration retryAfter;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Seconds for the {@code Retry-After} header, rounded up so a client never retries too early. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
