package io.thriftstore.platform.stomp;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The counting behind the cap; the 503 itself is tested against real servers (ws-chat and notification SocketCapIT). */
class StompSessionLimitTests {

    private final AtomicLong now = new AtomicLong();
    private final StompSessionLimit limit = new StompSessionLimit(2, null, now::get);
    private final WebSocketHandler handler = limit.decorate(new AbstractWebSocketHandler() { });

    @Test
    void upgradesAdmittedButNotYetOpenCountAgainstTheCap() {
        assertThat(limit.admit()).isTrue();
        assertThat(limit.admit()).isTrue();

        assertThat(limit.admit()).isFalse();
    }

    @Test
    void anOpenSocketCountsUntilItCloses() throws Exception {
        assertThat(limit.admit()).isTrue();
        WebSocketSession first = open();
        assertThat(limit.admit()).isTrue();
        WebSocketSession second = open();
        assertThat(limit.openSessions()).isEqualTo(2);
        assertThat(limit.admit()).isFalse();

        handler.afterConnectionClosed(first, CloseStatus.NORMAL);
        handler.afterConnectionClosed(first, CloseStatus.NORMAL);

        assertThat(limit.openSessions()).isEqualTo(1);
        assertThat(limit.admit()).isTrue();
        handler.afterConnectionClosed(second, CloseStatus.NORMAL);
    }

    @Test
    void anAdmittedUpgradeThatNeverOpensStopsCountingAfterItsTimeToLive() {
        assertThat(limit.admit()).isTrue();
        assertThat(limit.admit()).isTrue();

        now.addAndGet(StompSessionLimit.ADMISSION_TTL.toNanos());

        assertThat(limit.admit()).isTrue();
    }

    @Test
    void aFailedUpgradeIsReleasedAtOnce() {
        assertThat(limit.admit()).isTrue();
        assertThat(limit.admit()).isTrue();

        limit.release();

        assertThat(limit.admit()).isTrue();
    }

    private WebSocketSession open() throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getAttributes()).thenReturn(attributes);
        handler.afterConnectionEstablished(session);
        return session;
    }
}
