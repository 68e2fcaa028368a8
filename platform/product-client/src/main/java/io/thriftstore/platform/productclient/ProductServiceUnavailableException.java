package io.thriftstore.platform.productclient;

import java.time.Duration;

/**
 * product-service gave no usable answer: refused the connection, timed out, answered 5xx or something unreadable,
 * or the circuit breaker is open. Callers choose between a 503 and a fallback.
 */
public class ProductServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    ProductServiceUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long a caller should tell its own client to wait ({@code thriftstore.catalog.retry-after}). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
