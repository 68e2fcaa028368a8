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
 * @param maxProducts at most this many products are kept in cached pages (counted over all pages), and as many
 *                    products by id and counts: a bound on the heap the cache takes whatever clients ask
 *                    (a product is at most about 6 KB with a 5000-character description; most are far smaller)
 */
@ConfigurationProperties("thriftstore.product.cache")
@Validated
record CatalogCacheProperties(@DefaultValue("2s") @NotNull Duration ttl,
                              @DefaultValue("5000") @Min(1) long maxProducts) {
}
