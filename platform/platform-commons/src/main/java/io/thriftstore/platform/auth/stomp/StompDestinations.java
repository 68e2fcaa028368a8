package io.thriftstore.platform.auth.stomp;

import java.util.List;

/**
 * The destinations a service lets clients SUBSCRIBE to (Ant-style patterns, e.g.
 * {@code /user/queue/notifications}, {@code /topic/products/*}). Anything else is refused with an
 * ERROR frame. Declare one or more beans; with none, every subscription is refused.
 */
public record StompDestinations(List<String> patterns) {

    public StompDestinations {
        patterns = List.copyOf(patterns);
    }

    public static StompDestinations of(String... patterns) {
        return new StompDestinations(List.of(patterns));
    }
}
