package io.thriftstore.platform.web;

import java.util.List;

/**
 * The browser origins allowed to call this service ({@code thriftstore.allowed-origins}, default
 * {@code http://localhost:3000}): the CORS allow-list, the token {@code azp} allow-list, and what a
 * STOMP endpoint passes to {@code setAllowedOrigins(...)}.
 */
public record AllowedOrigins(List<String> origins) {

    public static final String PROPERTY = "thriftstore.allowed-origins";
    public static final String DEFAULT = "http://localhost:3000";

    public AllowedOrigins {
        origins = origins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    public boolean contains(String origin) {
        return origins.contains(origin);
    }

    public String[] toArray() {
        return origins.toArray(String[]::new);
    }
}
