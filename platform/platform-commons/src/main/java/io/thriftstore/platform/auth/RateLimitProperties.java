package io.thriftstore.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The per-user write limit: POST, PUT, PATCH and DELETE by an authenticated user. {@code maxTrackedUsers} bounds
 * the memory of buckets kept in memory. {@code shared}: keep the buckets in the service's own store (PostgreSQL
 * or MongoDB) so that the limit holds across its instances; {@code sweepInterval}: how often expired buckets are
 * deleted from that store.
 */
@ConfigurationProperties("thriftstore.rate-limit")
public record RateLimitProperties(@DefaultValue("60") int writesPerMinute,
                                  @DefaultValue("100000") long maxTrackedUsers,
                                  @DefaultValue("true") boolean shared,
                                  @DefaultValue("1m") Duration sweepInterval) {
}
