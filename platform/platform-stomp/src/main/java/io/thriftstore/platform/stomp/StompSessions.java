package io.thriftstore.platform.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes each STOMP session {@code grace} after its token expires. Register it as a decorator factory
 * ({@code registration.addDecoratorFactory(stompSessions)}) so it sees the sockets; {@link StompAuthentication}
 * tells it each session's expiry on CONNECT. The sweep runs on its own daemon thread so that it does
 * not depend on the service enabling scheduling.
 */
public class StompSessions implements WebSocketHandlerDecoratorFactory, AutoCloseable {

    /** 1008: clients should reconnect with a fresh token. */
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("Token expired; reconnect with a fresh token");

    private static final Logger log = LoggerFactory.getLogger(StompSessions.class);

    private final Duration grace;
    private final Clock clock;
    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public StompSessions(Duration grace, Duration sweepInterval) {
        this(grace, sweepInterval, Clock.systemUTC());
    }

    StompSessions(Duration grace, Duration sweepInterval, Clock clock) {
        this.grace = grace;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stomp-session-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, sweepInterval.toMillis());
        sweeper.scheduleWithFixedDelay(this::closeExpired, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                open.put(session.getId(), session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                open.remove(session.getId());
                expiries.remove(session.getId());
                super.afterConnectionClosed(session, closeStatus);
            }
        };
    }

    /** The STOMP session id is the WebSocket session's id. */
    void expiresAt(String sessionId, Instant tokenExpiry) {
        if (sessionId != null && tokenExpiry != null) {
            expiries.put(sessionId, tokenExpiry);
        }
    }

    /** How many sockets this instance holds. */
    public int openSessions() {
        return open.size();
    }

    void closeExpired() {
        Instant now = clock.instant();
        expiries.forEach((sessionId, expiry) -> {
            if (!now.isBefore(expiry.plus(grace))) {
                expiries.remove(sessionId);
                WebSocketSession session = open.get(sessionId);
                if (session != null && session.isOpen()) {
                    try {
                        session.close(TOKEN_EXPIRED);
                    }
                    catch (IOException | RuntimeException e) {
                        log.debug("Closing expired STOMP session {} failed", sessionId, e);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
