package io.thriftstore.platform.auth;

import com.clerk.backend_api.Clerk;
import com.clerk.backend_api.models.components.User;
import com.clerk.backend_api.utils.HTTPClient;
import com.clerk.backend_api.utils.RetryConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names users whose token has no {@code name} claim from Clerk's user API. Lookups are cached
 * (failures for a short while only), bounded by a short timeout, and any failure falls back to the
 * user id: a slow or absent Clerk must never fail or stall a request for long.
 */
final class ClerkDisplayNames implements DisplayNames {

    private static final Logger log = LoggerFactory.getLogger(ClerkDisplayNames.class);
    private static final Duration FAILURE_TTL = Duration.ofMinutes(1);

    private final Clerk clerk;
    private final Cache<String, Lookup> names;

    ClerkDisplayNames(String secretKey, String apiUrl, Duration timeout, Duration cacheTtl) {
        this.clerk = Clerk.builder()
            .bearerAuth(secretKey)
            .serverURL(apiUrl)
            .client(new TimeBoundHttpClient(timeout))
            // The SDK retries with backoff by default (minutes): a cosmetic lookup must give up at once.
            .retryConfig(RetryConfig.noRetries())
            .build();
        this.names = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(Expiry.<String, Lookup>creating((id, lookup) -> lookup.found() ? cacheTtl : FAILURE_TTL))
            .build();
    }

    @Override
    public String of(Jwt jwt) {
        String claimed = DisplayNames.nameClaim(jwt);
        if (claimed != null) {
            return claimed;
        }
        return names.get(jwt.getSubject(), this::lookup).name();
    }

    private Lookup lookup(String userId) {
        try {
            Optional<String> name = clerk.users().get(userId).user().map(ClerkDisplayNames::nameOf);
            return name.map(found -> new Lookup(found, true)).orElseGet(() -> new Lookup(userId, false));
        }
        catch (Exception e) {
            log.warn("Clerk user lookup for {} failed, using the id as its name: {}", userId, e.toString());
            return new Lookup(userId, false);
        }
    }

    private static String nameOf(User user) {
        String full = Stream.of(user.firstName(), user.lastName())
            .flatMap(Optional::stream)
            .map(String::strip)
            .filter(part -> !part.isEmpty())
            .collect(Collectors.joining(" "));
        if (!full.isEmpty()) {
            return full;
        }
        return user.username().map(String::strip).filter(name -> !name.isEmpty()).orElse(null);
    }

    private record Lookup(String name, boolean found) {
    }

    /** The SDK's default client has no timeouts; this one bounds connecting and every request. */
    private static final class TimeBoundHttpClient implements HTTPClient {

        private final HttpClient http;
        private final Duration timeout;

        TimeBoundHttpClient(Duration timeout) {
            this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
            this.timeout = timeout;
        }

        @Override
        public HttpResponse<InputStream> send(HttpRequest request) throws java.io.IOException, InterruptedException {
            HttpRequest bounded = HttpRequest.newBuilder(request, (header, value) -> true).timeout(timeout).build();
            return http.send(bounded, HttpResponse.BodyHandlers.ofInputStream());
        }
    }
}
