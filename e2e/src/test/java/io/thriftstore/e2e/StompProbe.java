package io.thriftstore.e2e;


import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import tools.jackson.databind.JsonNode;

/**
 * A user's live connection as the dashboard holds it: STOMP over a plain WebSocket,
 * authenticated in the CONNECT frame. Records every frame per destination so a test can
 * wait for one and also show that nothing else arrived.
 */
public final class StompProbe implements AutoCloseable {

    private final WebSocketStompClient client;
    private final StompSession session;
    private final Map<String, List<JsonNode>> frames = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private StompProbe(WebSocketStompClient client, StompSession session) {
        this.client = client;
        this.session = session;
    }

    public static StompProbe connect(URI ws, String token) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        StompProbe[] self = new StompProbe[1];
        StompSession session = client.connectAsync(ws.toString(), (org.springframework.web.socket.WebSocketHttpHeaders) null, connect, new StompSessionHandlerAdapter() {
            @Override
            public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload,
                    Throwable exception) {
                if (self[0] != null) {
                    self[0].errors.add(String.valueOf(exception));
                }
            }

            @Override
            public void handleTransportError(StompSession s, Throwable exception) {
                if (self[0] != null) {
                    self[0].errors.add(String.valueOf(exception));
                }
            }
        }).get(20, TimeUnit.SECONDS);
        self[0] = new StompProbe(client, session);
        return self[0];
    }

    public StompProbe subscribe(String destination) {
        frames.putIfAbsent(destination, new CopyOnWriteArrayList<>());
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                frames.get(destination).add(Platform.JSON.readTree(new String((byte[]) payload, StandardCharsets.UTF_8)));
            }
        });
        return this;
    }

    /**
     * Waits until ws-chat-service has handled this socket's SUBSCRIBE frames, which STOMP does not confirm here
     * (Spring's simple broker sends a RECEIPT for DISCONNECT only). ws-chat keeps each session's frames in order
     * (setPreserveReceiveOrder) and answers an unreadable send on the sender's error queue without counting it
     * against any budget: that answer, to a frame sent after the subscriptions, shows they are in place.
     * Needs {@code errors} subscribed.
     */
    public StompProbe awaitChatSubscriptions(String errors) {
        int before = frames(errors).size();
        send("/app/chat.send", "not json");
        awaitFrame(errors, problem -> frames(errors).size() > before
                && problem.path("type").asString().endsWith("/malformed-request"));
        return this;
    }

    public void send(String destination, String json) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits for a frame on the destination that matches, and returns it. */
    public JsonNode awaitFrame(String destination, Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode frame : frames(destination)) {
                if (matching.test(frame)) {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public List<JsonNode> frames(String destination) {
        return List.copyOf(frames.getOrDefault(destination, List.of()));
    }

    public boolean connected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        try {
            if (session.isConnected()) {
                session.disconnect();
            }
        } finally {
            client.stop();
        }
    }
}
