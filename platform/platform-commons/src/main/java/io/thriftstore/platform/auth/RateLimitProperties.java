package io.thriftstore.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-user write limit of this instance: POST, PUT, PATCH and DELETE by an authenticated user.
 * {@code maxTrackedUsers} bounds the memory the limiter may use.
 */
@ConfigurationProperties("thriftstore.rate-limit")
public record RateLimitProperties(@DefaultValue("60") int writesPerMinute,
                                  @DefaultValue("100000") long maxTrackedUsers) {
}
