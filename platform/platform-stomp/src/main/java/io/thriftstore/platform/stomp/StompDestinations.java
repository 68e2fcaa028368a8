package io.thriftstore.platform.stomp;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a service lets clients do on its STOMP endpoint (DESIGN section 7), as exact destinations or
 * Ant-style patterns: SUBSCRIBE to {@code subscribe} (e.g. {@code /user/queue/notifications}) and SEND to
 * {@code send}, the service's own application destinations (e.g. {@code /app/chat.send}). Every other
 * SUBSCRIBE or SEND is refused with an ERROR frame and reaches nobody: without this, a SEND to
 * {@code /user/{someone}/queue/...} or to a broker queue would go straight into another user's session.
 * Declare one or more beans; with none, every subscription and every send is refused.
 *
 * <pre>{@code
 * StompDestinations.subscribe("/user/queue/messages", "/user/queue/errors").andSend("/app/chat.send")
 * }</pre>
 */
public record StompDestinations(List<String> subscribe, List<String> send) {

    public StompDestinations {
        subscribe = List.copyOf(subscribe);
        send = List.copyOf(send);
        Stream.concat(subscribe.stream(), send.stream()).forEach(StompDestinations::requireAbsolute);
        send.forEach(pattern -> {
            if (!pattern.startsWith("/app/")) {
                throw new IllegalArgumentException("Clients may only SEND to application destinations (/app/...): " + pattern);
            }
        });
    }

    /** Subscriptions only: a service that pushes and takes nothing from its clients. */
    public static StompDestinations subscribe(String... patterns) {
        return new StompDestinations(List.of(patterns), List.of());
    }

    /** These destinations, and SENDs to the given application destinations. */
    public StompDestinations andSend(String... patterns) {
        return new StompDestinations(subscribe, Stream.concat(send.stream(), Stream.of(patterns)).toList());
    }

    private static void requireAbsolute(String pattern) {
        if (!pattern.startsWith("/") || pattern.contains("..")) {
            throw new IllegalArgumentException("A destination starts with '/' and has no '..': " + pattern);
        }
    }
}
