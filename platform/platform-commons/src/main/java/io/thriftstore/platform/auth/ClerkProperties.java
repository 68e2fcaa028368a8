package io.thriftstore.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Clerk's user API, used only to name users whose token has no {@code name} claim. Without a secret
 * key (here or in the {@code CLERK_SECRET_KEY} environment variable) names come from the token alone.
 */
@ConfigurationProperties("thriftstore.clerk")
public record ClerkProperties(String secretKey,
                              @DefaultValue("https://api.clerk.com/v1") String apiUrl,
                              @DefaultValue("2s") Duration timeout,
                              @DefaultValue("10m") Duration cacheTtl) {
}
