package io.thriftstore.testing.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A bare STOMP connection over the JDK's WebSocket that sends whatever text it is given, where Spring's
 * STOMP client would refuse to produce the frame (a SEND to {@code /user/...}, a frame without a destination,
 * malformed headers). It records every frame the server answers and whether, and how, the server closed
 * the connection.
 *
 * <pre>{@code
 * try (RawStomp eve = RawStomp.connect(URI.create("ws://localhost:5015/ws"), token)) {
 *     eve.send(RawStomp.sendFrame("/user/" + victim + "/queue/messages", "{}"));
 *     assertThat(eve.refused(Duration.ofSeconds(10))).isTrue();
 * }
 * }</pre>
 */
public final class RawStomp implements AutoCloseable, WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;
    private WebSocket socket;

    private RawStomp() {
    }

    /** An open socket, nothing sent yet. */
    public static RawStomp open(URI ws) throws Exception {
        RawStomp connection = new RawStomp();
        connection.socket = HTTP.newWebSocketBuilder().buildAsync(ws, connection).get(10, TimeUnit.SECONDS);
        return connection;
    }

    /** An open socket whose CONNECT with this bearer token was answered with CONNECTED. */
    public static RawStomp connect(URI ws, String token) throws Exception {
        return open(ws).send(connectFrame(token)).awaitConnected();
    }

    public static String connectFrame(String token) {
        String authorization = token == null ? "" : "Authorization:Bearer " + token + "\n";
        return "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n" + authorization + "\n\0";
    }

    public static String subscribeFrame(String id, String destination) {
        return "SUBSCRIBE\nid:" + id + "\n" + destinationHeader(destination) + "\n\0";
    }

    public static String sendFrame(String destination, String body) {
        return "SEND\n" + destinationHeader(destination) + "content-type:application/json\n\n" + body + "\0";
    }

    /** {@code null}: no destination header at all. */
    private static String destinationHeader(String destination) {
        return destination == null ? "" : "destination:" + destination + "\n";
    }

    /** Sends text; a connection the server already closed swallows it (the refusal is what is being checked). */
    public RawStomp send(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            closed = closed == null ? "send failed: " + e : closed;
        }
        return this;
    }

    public RawStomp sendBinary(byte[] bytes) {
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            closed = closed == null ? "send failed: " + e : closed;
        }
        return this;
    }

    public RawStomp awaitConnected() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream().anyMatch(f -> f.startsWith("CONNECTED")));
        return this;
    }

    /** Waits for the server's refusal: an ERROR frame or the connection closed. */
    public boolean refused(Duration within) {
        try {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20)).until(this::wasRefused);
            return true;
        }
        catch (ConditionTimeoutException e) {
            return false;
        }
    }

    public boolean wasRefused() {
        return closed != null || frames.stream().anyMatch(f -> f.startsWith("ERROR"));
    }

    /** The first MESSAGE frame whose text matches, waiting for it. */
    public String awaitMessage(Predicate<String> matching, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20))
            .until(() -> messages().stream().anyMatch(matching));
        return messages().stream().filter(matching).findFirst().orElseThrow();
    }

    /** Every frame received so far, heart-beats left out. */
    public List<String> frames() {
        return List.copyOf(frames);
    }

    /** The MESSAGE frames received so far (headers and body). */
    public List<String> messages() {
        return frames.stream().filter(f -> f.startsWith("MESSAGE")).toList();
    }

    /** Forgets the frames received so far. */
    public void clear() {
        frames.clear();
    }

    public String describe() {
        return "frames=" + frames.stream().map(RawStomp::abbreviate).toList() + ", closed=" + closed;
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n").replace("\0", "\\0");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
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
