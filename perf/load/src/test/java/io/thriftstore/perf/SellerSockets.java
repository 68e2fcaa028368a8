package io.thriftstore.perf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sellers' STOMP sockets to notification-service, held open for the whole notify phase, recording when each
 * ORDER_RECEIVED frame arrives, by order id.
 *
 * <p>Hand-written on the JDK's WebSocket client rather than Gatling's ws DSL: Gatling checks a frame only on
 * the virtual user that owns the socket, so measuring the frame with Gatling ties each order to a long-lived
 * seller session, and that is a closed model (the offered rate drops as latency grows). Here the sockets live
 * outside Gatling, and the orders are an open model (a new virtual user per order at a fixed rate).
 */
final class SellerSockets {

    /** When a frame arrived: {@code nanos} for latencies (one JVM's monotonic clock), {@code epochMillis} for hops. */
    record Arrival(long nanos, long epochMillis) {
    }

    private static final Pattern ORDER_LINK = Pattern.compile("/orders/([^\"?\\s/]+)");

    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final List<WebSocket> sockets = new ArrayList<>();

    /** Opens one subscribed socket per token; fails if any is not subscribed within 30 s. */
    SellerSockets(List<String> tokens, String url) {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (String token : tokens) {
            pending.add(connect(http, URI.create(url), token));
        }
        try {
            for (CompletableFuture<WebSocket> socket : pending) {
                sockets.add(socket.get(30, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("opening the sellers' sockets failed: " + e.getMessage(), e);
        }
    }

    Arrival arrival(String orderId) {
        return arrivals.get(orderId);
    }

    void close() {
        sockets.forEach(WebSocket::abort);
    }

    private CompletableFuture<WebSocket> connect(HttpClient http, URI url, String token) {
        CompletableFuture<WebSocket> connectSent = new CompletableFuture<>();
        CompletableFuture<WebSocket> ready = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    // Taken before anything else: the frame is in, the rest is the harness's own work.
                    Arrival now = new Arrival(System.nanoTime(), System.currentTimeMillis());
                    String text = frame.toString();
                    frame.setLength(0);
                    if (text.startsWith("MESSAGE") && text.contains("ORDER_RECEIVED")) {
                        Matcher link = ORDER_LINK.matcher(text);
                        if (link.find()) {
                            arrivals.putIfAbsent(link.group(1), now);
                        }
                    } else if (text.startsWith("CONNECTED")) {
                        // Spring's simple broker sends no RECEIPT for SUBSCRIBE: the socket is ready once it went out.
                        connectSent.thenCompose(sent -> sent.sendText(
                                        Perf.subscribeFrame("notifications", "/user/queue/notifications"), true))
                                .whenComplete((sent, error) -> {
                                    if (error != null) {
                                        ready.completeExceptionally(error);
                                    } else {
                                        ready.complete(socket);
                                    }
                                });
                    } else if (text.startsWith("ERROR")) {
                        ready.completeExceptionally(new IllegalStateException("ERROR frame: " + text.strip()));
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                ready.completeExceptionally(error);
            }
        };
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(url, listener)
                .thenCompose(socket -> socket.sendText(Perf.connectFrame(token), true)
                        .thenAccept(sent -> connectSent.complete(socket)))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        ready.completeExceptionally(error);
                    }
                });
        return ready;
    }
}
