package io.thriftstore.platform.stomp;

import io.thriftstore.platform.web.ServiceUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code max} sockets per instance: a WebSocket upgrade beyond that is answered 503 with
 * {@code Retry-After} and problem+json before any socket exists, and the sockets already open are untouched.
 * A flood of idle sockets otherwise grows the heap until the JVM dies (docs/PERFORMANCE.md, "Idle sockets").
 * <p>
 * Counted: sockets open (seen by the handler decorator, which every STOMP endpoint gets through
 * {@link StompAutoConfiguration}) plus upgrades admitted but not yet open. An admitted upgrade becomes a
 * socket right after the request returns, on the same thread; one that never does (the client left) stops
 * counting after {@link #ADMISSION_TTL}, so no count can leak. Admission is one short synchronized check:
 * upgrades are rare next to frames.
 * <p>
 * Hand-written: Tomcat's {@code maxConnections} counts every HTTP connection and refuses nothing (it stops
 * accepting, so clients hang), and Spring has no cap on WebSocket sessions.
 */
public final class StompSessionLimit extends OncePerRequestFilter implements WebSocketHandlerDecoratorFactory {

    static final Duration ADMISSION_TTL = Duration.ofSeconds(30);
    static final long RETRY_AFTER_SECONDS = 30;

    private static final String COUNTED = StompSessionLimit.class.getName() + ".counted";

    private final int max;
    private final HandlerExceptionResolver problems;
    private final LongSupplier nanoTime;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Deadlines (nano time) of upgrades admitted but not yet open, oldest first. */
    private final Deque<Long> admitted = new ArrayDeque<>();

    StompSessionLimit(int max, HandlerExceptionResolver problems) {
        this(max, problems, System::nanoTime);
    }

    StompSessionLimit(int max, HandlerExceptionResolver problems, LongSupplier nanoTime) {
        this.max = max;
        this.problems = problems;
        this.nanoTime = nanoTime;
    }

    /** Only WebSocket upgrades count; anything else on the endpoint (a plain GET answered 400) passes. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admit()) {
            refused.incrementAndGet();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
            problems.resolveException(request, response, null, new ServiceUnavailableException(
                "This server holds its maximum of " + max + " sockets; try again in " + RETRY_AFTER_SECONDS + " s."));
            return;
        }
        boolean upgraded = false;
        try {
            chain.doFilter(request, response);
            upgraded = response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
        }
        finally {
            if (!upgraded) {
                release();
            }
        }
    }

    synchronized boolean admit() {
        long now = nanoTime.getAsLong();
        while (!admitted.isEmpty() && admitted.peekFirst() - now <= 0) {
            admitted.pollFirst();
        }
        if (open.get() + admitted.size() >= max) {
            return false;
        }
        admitted.addLast(now + ADMISSION_TTL.toNanos());
        return true;
    }

    /** An admitted upgrade that became a socket, or failed: it no longer counts as pending. */
    synchronized void release() {
        admitted.pollFirst();
    }

    /** Sockets open on this instance. */
    public long openSessions() {
        return open.get();
    }

    /** Upgrades refused since start. */
    public long refusedUpgrades() {
        return refused.get();
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                release();
                open.incrementAndGet();
                session.getAttributes().put(COUNTED, Boolean.TRUE);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                if (session.getAttributes().remove(COUNTED) != null) {
                    open.decrementAndGet();
                }
                super.afterConnectionClosed(session, closeStatus);
            }
        };
    }
}
