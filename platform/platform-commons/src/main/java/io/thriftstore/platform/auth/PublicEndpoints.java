package io.thriftstore.platform.auth;

import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths a service serves without a token, on top of the platform's own (health, info, metrics,
 * OpenAPI, the {@code /ws} handshake, {@code /error}). Declare one or more beans:
 *
 * <pre>{@code
 * @Bean
 * PublicEndpoints catalogue() {
 *     return PublicEndpoints.get("/api/products", "/api/products/*", "/api/categories")
 *         .and(HttpMethod.POST, "/api/products/bulk");
 * }
 * }</pre>
 *
 * Patterns are Spring path patterns. A request that carries a bearer token is still checked: a bad
 * token is 401 even on a public path.
 */
public record PublicEndpoints(List<Endpoint> endpoints) {

    public PublicEndpoints {
        endpoints = List.copyOf(endpoints);
    }

    /** Public for GET (and HEAD). */
    public static PublicEndpoints get(String... patterns) {
        return new PublicEndpoints(List.of()).and(HttpMethod.GET, patterns).and(HttpMethod.HEAD, patterns);
    }

    /** Public for one method. */
    public static PublicEndpoints of(HttpMethod method, String... patterns) {
        return new PublicEndpoints(List.of()).and(method, patterns);
    }

    /** Public for every method. */
    public static PublicEndpoints any(String... patterns) {
        return new PublicEndpoints(List.of()).and(null, patterns);
    }

    public PublicEndpoints and(HttpMethod method, String... patterns) {
        List<Endpoint> more = new ArrayList<>(endpoints);
        for (String pattern : patterns) {
            more.add(new Endpoint(method, pattern));
        }
        return new PublicEndpoints(more);
    }

    /** One method and pattern; a {@code null} method means every method. */
    public record Endpoint(HttpMethod method, String pattern) {
    }
}
