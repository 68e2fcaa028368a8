package io.thriftstore.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * At most {@code thriftstore.web.max-in-flight} requests of a service are handled at once. The next ones wait up to
 * {@code thriftstore.web.in-flight-wait} for a slot, at most as many as there are slots; a request that finds the
 * waiting room full, or no slot in time, is refused with 503 problem+json and {@code Retry-After: 1}, before
 * authentication or any store is touched.
 * <p>
 * Why: requests run on virtual threads, so nothing else bounds how many are in flight. Under an overload (more
 * offered than the cores serve) each one keeps its connection's buffers, its parked stack and its half-built work on
 * the heap, and all of them compete for the same few database connections; order-service at 100 orders/s offered
 * for a minute held thousands, spent its time in full collections and ended in an OutOfMemoryError
 * (docs/PERFORMANCE.md, run 13). A waiting request has done no work yet, so the wait smooths a burst without
 * taking a connection from the requests being served.
 * <p>
 * Not counted: /actuator (health probes and the metrics scrape must answer during an overload) and the time an
 * asynchronous request spends after its handler returned. Hand-written: two semaphores and a counter. Tomcat's own
 * connection limit queues the excess in the kernel instead of answering it, and resilience4j's bulkhead (used for
 * order placing) has no bound on how many wait.
 */
class InFlightLimitFilter extends OncePerRequestFilter {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final Duration wait;
    private final Semaphore slots;
    private final Semaphore waitingRoom;
    private final Refusals refusals;
    private final HandlerExceptionResolver problems;

    InFlightLimitFilter(int maxInFlight, Duration wait, Refusals refusals, HandlerExceptionResolver problems) {
        this.maxInFlight = maxInFlight;
        this.wait = wait;
        this.slots = new Semaphore(maxInFlight, true);
        this.waitingRoom = new Semaphore(maxInFlight);
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
        if (!admit()) {
            refusals.refused(() -> "Refusing requests with 503: " + maxInFlight + " are in flight and as many waiting "
                + "(thriftstore.web.max-in-flight, WEB_MAX_IN_FLIGHT; thriftstore.web.in-flight-wait, "
                + "WEB_IN_FLIGHT_WAIT). Logged once per overload; the count is the metric "
                + "http.requests.refused{reason=\"busy\"}");
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

    /** A slot now, or after waiting for one in the waiting room if it has room. */
    private boolean admit() {
        if (slots.tryAcquire()) {
            return true;
        }
        if (wait.isZero() || !waitingRoom.tryAcquire()) {
            return false;
        }
        try {
            return slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            waitingRoom.release();
        }
    }

    /** Requests being handled now. */
    int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /** Requests waiting for a slot now. */
    int waiting() {
        return maxInFlight - waitingRoom.availablePermits();
    }
}
