package io.thriftstore.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * At most {@code thriftstore.web.max-in-flight} requests of a service are handled at once; the next one is refused at
 * once with 503 problem+json and {@code Retry-After: 1}, before authentication or any store is touched.
 * <p>
 * Why: requests run on virtual threads, so nothing else bounds how many are in flight. Under an overload (more
 * offered than the cores serve) each waiting request keeps its connection's buffers, its parked stack and its
 * half-built work on the heap; order-service at 100 orders/s offered for a minute held thousands, spent its time in
 * full collections and ended in an OutOfMemoryError (docs/PERFORMANCE.md, run 13). A bounded service answers the
 * excess quickly and keeps serving the rest.
 * <p>
 * Not counted: /actuator (health probes and the metrics scrape must answer during an overload) and the time an
 * asynchronous request spends after its handler returned. Hand-written: a semaphore and a counter; Tomcat's own
 * connection limit queues the excess in the kernel instead of answering it, and resilience4j's bulkhead (used for
 * order placing, which waits a moment for a slot) adds nothing a non-waiting semaphore needs.
 */
class InFlightLimitFilter extends OncePerRequestFilter {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final Semaphore slots;
    private final Refusals refusals;
    private final HandlerExceptionResolver problems;

    InFlightLimitFilter(int maxInFlight, Refusals refusals, HandlerExceptionResolver problems) {
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.refusals = refusals;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!slots.tryAcquire()) {
            refusals.refused(() -> "Refusing requests with 503: " + maxInFlight + " are in flight "
                + "(thriftstore.web.max-in-flight, WEB_MAX_IN_FLIGHT). Logged once per overload; the count is the "
                + "metric http.requests.refused{reason=\"busy\"}");
            problems.resolveException(request, response, null, new ServiceUnavailableException(
                "The service is busy. Try again shortly.", RETRY_AFTER));
            return;
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            slots.release();
        }
    }
}
