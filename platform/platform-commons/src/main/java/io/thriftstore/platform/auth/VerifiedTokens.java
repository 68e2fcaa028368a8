package io.thriftstore.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Remembers tokens the real decoder accepted, so a client that sends the same bearer token with every request
 * (the dashboard, a STOMP reconnect) pays for parsing, the RS256 check and the validators once, not per request:
 * that was about a tenth of order-service's CPU per order. A remembered token is answered only while it is
 * before its {@code exp}; past it the real decoder is asked again, and refuses it. Refused tokens are never
 * remembered. Entries live at most {@code ttl}, so a key rotation or a changed validator reaches every token
 * within it. A hand-written wrapper because Spring Security has no caching {@link JwtDecoder}; Caffeine keeps it
 * bounded.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> accepted;

    VerifiedTokens(JwtDecoder decoder, Clock clock, long maxTokens, Duration ttl) {
        this.decoder = decoder;
        this.clock = clock;
        // The cache's lifetime runs on the same clock as the expiry check (a test moves both).
        this.accepted = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(ttl)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = accepted.getIfPresent(token);
        Instant now = clock.instant();
        if (known != null && known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            accepted.put(token, jwt);
        }
        return jwt;
    }
}
