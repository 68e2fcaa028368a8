package io.thriftstore.product.catalog;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code thriftstore.product.cache.*}: the short-lived cache of public catalog reads ({@link CatalogCache}).
 *
 * @param ttl        how long a cached page, count or product is served at most: the bound on how stale a read
 *                   on this instance can be after a change made on another instance whose event is late or lost
 *                   (changes made on this instance, and events that do arrive, drop the cache at once).
 *                   {@code 0s} turns the cache off.
 * @param maxEntries at most this many pages, counts and products each are kept
 */
@ConfigurationProperties("thriftstore.product.cache")
@Validated
record CatalogCacheProperties(@DefaultValue("2s") @NotNull Duration ttl,
                              @DefaultValue("10000") @Min(1) long maxEntries) {
}
