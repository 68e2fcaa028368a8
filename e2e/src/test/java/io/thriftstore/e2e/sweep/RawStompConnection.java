package io.thriftstore.e2e.sweep;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A bare WebSocket (the JDK's) that sends whatever text it is given: no STOMP client would
 * produce the malformed frames the sweep needs. Records every frame the server answers and
 * whether, and how, it closed the connection.
 */
final class RawStompConnection implements AutoCloseable, WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;
    private WebSocket socket;

    static RawStompConnection open(URI ws) throws Exception {
        RawStompConnection connection = new RawStompConnection();
        connection.socket = HTTP.newWebSocketBuilder().buildAsync(ws, connection).get(10, TimeUnit.SECONDS);
        return connection;
    }

    static String connectFrame(String token) {
        String authorization = token == null ? "" : "Authorization:Bearer " + token + "\n";
        return "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n" + authorization + "\n\0";
    }

    static String subscribeFrame(String id, String destination) {
        return "SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0";
    }

    static String sendFrame(String destination, String body) {
        return "SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + body + "\0";
    }

    /** Sends text; a connection the server already closed swallows it (the refusal is what is being checked). */
    RawStompConnection send(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            closed = closed == null ? "send failed: " + e : closed;
        }
        return this;
    }

    RawStompConnection sendBinary(byte[] bytes) {
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            closed = closed == null ? "send failed: " + e : closed;
        }
        return this;
    }

    RawStompConnection awaitConnected() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream().anyMatch(f -> f.startsWith("CONNECTED")));
        return this;
    }

    /** Waits for the server's refusal: an ERROR frame or the connection closed. */
    boolean refused(Duration within) {
        try {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50)).until(this::wasRefused);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    boolean wasRefused() {
        return closed != null || frames.stream().anyMatch(f -> f.startsWith("ERROR"));
    }

    List<String> frames() {
        return List.copyOf(frames);
    }

    String describe() {
        return "frames=" + frames.stream().map(HttpSweep::abbreviate).toList() + ", closed=" + closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            if (!frame.isBlank()) { // heart-beats are bare newlines
                frames.add(frame.stripLeading());
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = closed == null ? "error: " + error : closed;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
