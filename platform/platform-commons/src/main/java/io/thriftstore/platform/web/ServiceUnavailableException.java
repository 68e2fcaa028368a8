package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Optional;

/**
 * 503: a service this request depends on is down; the client may retry later, after {@code Retry-After} when
 * one is given (whole seconds, at least 1).
 */
public class ServiceUnavailableException extends ProblemException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String detail) {
        this(detail, null);
    }

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, detail);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
