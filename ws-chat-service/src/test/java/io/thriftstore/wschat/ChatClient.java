package io.thriftstore.wschat;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A real STOMP client of one user on one instance, recording its message and error frames. */
final class ChatClient implements AutoCloseable {

    private static final ThreadPoolTaskScheduler HEARTBEATS = new ThreadPoolTaskScheduler();

    static {
        HEARTBEATS.setDaemon(true);
        HEARTBEATS.initialize();
    }

    final TestUser user;
    final StompSession session;
    final StompHeaders connected;
    final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> errors = new CopyOnWriteArrayList<>();
    private final WebSocketStompClient client;

    private ChatClient(TestUser user, WebSocketStompClient client, StompSession session, StompHeaders connected) {
        this.user = user;
        this.client = client;
        this.session = session;
        this.connected = connected;
    }

    static ChatClient connect(int port, TestUser user) {
        return connect(port, user, user.bearer());
    }

    static ChatClient connect(int port, TestUser user, String bearer) {
        // The servers' small socket buffers (platform-stomp StompSocketBuffers) are Tomcat's JVM-wide default,
        // so this client's too: it takes whole messages and must hold the largest chat frame.
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(64 * 1024);
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient(container));
        client.setMessageConverter(new JacksonJsonMessageConverter());
        client.setTaskScheduler(HEARTBEATS);
        client.setDefaultHeartbeat(new long[] {10_000, 10_000});
        StompHeaders headers = new StompHeaders();
        headers.add("Authorization", bearer);
        // Spring completes the session future before it calls afterConnected: wait for the headers themselves.
        java.util.concurrent.CompletableFuture<StompHeaders> connected = new java.util.concurrent.CompletableFuture<>();
        try {
            StompSession session = client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), headers,
                new StompSessionHandlerAdapter() {
                    @Override
                    public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
                        connected.complete(connectedHeaders);
                    }

                    @Override
                    public void handleException(StompSession s, StompCommand command, StompHeaders h, byte[] payload, Throwable e) {
                    }
                }).get(20, TimeUnit.SECONDS);
            ChatClient chat = new ChatClient(user, client, session, connected.get(20, TimeUnit.SECONDS));
            session.subscribe("/user/queue/messages", recordingInto(chat.messages));
            session.subscribe("/user/queue/errors", recordingInto(chat.errors));
            return chat;
        }
        catch (Exception e) {
            client.stop();
            throw new AssertionError("Could not connect " + user, e);
        }
    }

    void send(String conversationId, String clientMessageId, String text) {
        session.send("/app/chat.send", Map.of("conversationId", conversationId, "clientMessageId", clientMessageId, "text", text));
    }

    List<Map<String, Object>> awaitMessages(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> messages.size() >= count);
        return messages;
    }

    Map<String, Object> awaitError() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !errors.isEmpty());
        return errors.get(0);
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
        client.stop();
    }

    private static StompFrameHandler recordingInto(List<Map<String, Object>> frames) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                frames.add((Map<String, Object>) payload);
            }
        };
    }
}
