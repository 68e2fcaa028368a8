package io.thriftstore.notification;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A real STOMP client session of one user, subscribed to its notifications, recording every frame. */
final class StompUser implements AutoCloseable {

    private final List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
    private final WebSocketStompClient client;
    private final StompSession session;

    private StompUser(WebSocketStompClient client, StompSession session) {
        this.client = client;
        this.session = session;
    }

    static StompUser connect(int port, TestUser user) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", user.bearer());
        StompSession session = client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connect,
            new StompSessionHandlerAdapter() { }).get(15, TimeUnit.SECONDS);
        StompUser stompUser = new StompUser(client, session);
        session.subscribe("/user/queue/notifications", new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                stompUser.frames.add((Map<String, Object>) payload);
            }
        });
        return stompUser;
    }

    List<Map<String, Object>> frames() {
        return List.copyOf(frames);
    }

    List<Object> frameIds() {
        return frames.stream().map(frame -> frame.get("id")).toList();
    }

    @Override
    public void close() {
        session.disconnect();
        client.stop();
    }
}
