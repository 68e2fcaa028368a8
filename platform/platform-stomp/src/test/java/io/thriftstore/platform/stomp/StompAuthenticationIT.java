package io.thriftstore.platform.stomp;

import io.thriftstore.devtools.tokens.DevTokens;
import io.thriftstore.platform.stomp.testapp.SocketAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A real STOMP client against the sample socket service (platform-stomp wired by its auto-configuration alone) on a random port. */
class StompAuthenticationIT extends SocketAppTest {

    private final WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());

    StompAuthenticationIT() {
        client.setMessageConverter(new JacksonJsonMessageConverter());
    }

    @AfterEach
    void stopClient() {
        client.stop();
    }

    @Test
    void aGoodTokenConnectsAndTheSessionActsAsItsUser() throws Exception {
        String userId = newUserId();
        Recorder recorder = new Recorder();
        StompSession session = connect("Bearer " + KEYS.sign(userId, "Ada Lovelace"), recorder).get(10, TimeUnit.SECONDS);

        CompletableFuture<Map<?, ?>> echoed = new CompletableFuture<>();
        session.subscribe("/user/queue/echo", frames(echoed));
        // The subscription travels before the send on the same socket, so it is registered first.
        session.send("/app/echo", Map.of("text", "hello"));

        assertThat(echoed.get(10, TimeUnit.SECONDS).get("text")).isEqualTo("Ada Lovelace (" + userId + "): hello");
    }

    @Test
    void aBadTokenGetsAnErrorFrameInsteadOfAConnection() {
        Recorder recorder = new Recorder();
        CompletableFuture<StompSession> connecting = connect("Bearer " + DevTokens.generate().sign(newUserId(), "Mallory"), recorder);

        assertThat(recorder.error(Duration.ofSeconds(10))).containsEntry("message", java.util.List.of("Invalid bearer token"));
        assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aConnectWithoutATokenGetsAnErrorFrame() {
        Recorder recorder = new Recorder();
        connect(null, recorder);

        assertThat(recorder.error(Duration.ofSeconds(10)).get("message").get(0)).startsWith("Missing bearer token");
    }

    @Test
    void subscribingToADestinationTheServiceDoesNotServeGetsAnErrorFrame() throws Exception {
        Recorder recorder = new Recorder();
        StompSession session = connect("Bearer " + KEYS.sign(newUserId(), "Eve"), recorder).get(10, TimeUnit.SECONDS);

        session.subscribe("/user/queue/someone-elses", frames(new CompletableFuture<>()));

        // The server answers with an ERROR frame and closes the socket; the client has been seen to report
        // only the close now and then. Either is a refusal: an accepted subscription leaves the session open.
        recorder.refusal(Duration.ofSeconds(20)).ifPresentOrElse(
            error -> assertThat(error.get("message").get(0)).isEqualTo("Unknown destination: /user/queue/someone-elses"),
            () -> assertThat(session.isConnected()).isFalse());
    }

    @Test
    void theServerClosesASessionOnceItsTokenHasExpired() throws Exception {
        // The shared test context sets thriftstore.stomp.expiry-grace=0s and sweeps every 200 ms.
        Recorder recorder = new Recorder();
        DevTokens.Claims shortLived = DevTokens.Claims.of(newUserId()).name("Brief").ttl(Duration.ofSeconds(2));
        StompSession session = connect("Bearer " + KEYS.sign(shortLived), recorder).get(10, TimeUnit.SECONDS);
        assertThat(session.isConnected()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !session.isConnected());
    }

    @Test
    void aFrameAnnouncingMoreThanTheSizeLimitIsRefusedAtOnceAndOtherSessionsCarryOn() throws Exception {
        String bystanderId = newUserId();
        StompSession bystander = connect("Bearer " + KEYS.sign(bystanderId, "Bea"), new Recorder()).get(10, TimeUnit.SECONDS);
        RawSocket raw = RawSocket.open(URI.create("ws://localhost:" + port + "/ws"));
        raw.send("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:" + bearer(newUserId(), "Mallory") + "\n\n\0");
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.frames.stream().anyMatch(frame -> frame.startsWith("CONNECTED")));

        // Spring's decoder would wait for the next chunk before comparing 999,999,999 with its limit.
        raw.send("SEND\ndestination:/app/echo\ncontent-type:application/json\ncontent-length:999999999\n\n{}\0");

        await().atMost(Duration.ofSeconds(5)).until(() -> raw.closed.isDone());
        assertThat(raw.frames).anySatisfy(frame -> assertThat(frame).startsWith("ERROR"));
        CompletableFuture<Map<?, ?>> echoed = new CompletableFuture<>();
        bystander.subscribe("/user/queue/echo", frames(echoed));
        bystander.send("/app/echo", Map.of("text", "still here"));
        assertThat(echoed.get(10, TimeUnit.SECONDS).get("text")).isEqualTo("Bea (" + bystanderId + "): still here");
    }

    private CompletableFuture<StompSession> connect(String authorization, Recorder recorder) {
        StompHeaders connectHeaders = new StompHeaders();
        if (authorization != null) {
            connectHeaders.add("Authorization", authorization);
        }
        return client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connectHeaders, recorder);
    }

    private static StompFrameHandler frames(CompletableFuture<Map<?, ?>> received) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                received.complete((Map<?, ?>) payload);
            }
        };
    }

    /** Captures the ERROR frame the server answers with. */
    private static final class Recorder extends StompSessionHandlerAdapter {

        private final CompletableFuture<StompHeaders> error = new CompletableFuture<>();
        private final CompletableFuture<Boolean> closed = new CompletableFuture<>();

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            if (exception instanceof org.springframework.messaging.simp.stomp.ConnectionLostException) {
                closed.complete(true);
            }
        }

        /** The ERROR frame's headers, or empty when only the server's close was seen; fails when neither came. */
        java.util.Optional<Map<String, java.util.List<String>>> refusal(Duration timeout) {
            try {
                CompletableFuture.anyOf(error, closed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                throw new AssertionError("Neither an ERROR frame nor a close within " + timeout, e);
            }
            return error.isDone() ? java.util.Optional.of(error.join()) : java.util.Optional.empty();
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            error.complete(headers);
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable exception) {
            if (command == StompCommand.ERROR) {
                error.complete(headers);
            }
        }

        Map<String, java.util.List<String>> error(Duration timeout) {
            try {
                return error.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                throw new AssertionError("No ERROR frame within " + timeout, e);
            }
        }
    }
}
