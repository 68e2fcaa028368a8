package io.thriftstore.product.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A short-lived cache of the public catalog reads: list pages keyed by their whole query, the count of each
 * filter (shared by all its pages and orders), and products by id. On the local MongoDB stand-in every list is a
 * full scan of the collection under its one lock; shoppers mostly ask for the same few first pages, so most of
 * them are served from here.
 * <p>
 * Staleness is bounded twice: any change of a product on this instance drops everything at once (so a writer sees
 * their own change on their next read), every product-events record does the same on every instance
 * ({@link CatalogCacheInvalidation}, typically within about a second of the change), and whatever an instance
 * missed expires after {@link CatalogCacheProperties#ttl()} (2 s by default).
 * <p>
 * Dropping is done by moving to a new generation that is part of every key, rather than only by clearing: a read
 * that started before a change and finishes after it stores its (possibly old) result under the old generation,
 * where no later read looks. Clearing alone could let such a read put an old page back after the clear.
 * Hand-written around Caffeine because Spring's cache abstraction has no such generation and no per-call loader
 * with single-flight, which is what keeps a burst of identical requests down to one query.
 * <p>
 * Only identity-free reads come here: {@link ProductQuery#isPublic()} lists; an owner's list of archived items
 * never does.
 */
@Component
class CatalogCache {

    private record Key(long generation, Object value) {
    }

    private final AtomicLong generation = new AtomicLong();
    private final boolean enabled;
    /** Pages of products and pages of cards, told apart by their key ({@link CardsOf}). */
    private final Cache<Key, Page<?>> pages;
    private final Cache<Key, Long> counts;
    private final Cache<Key, ProductResponse> products;

    CatalogCache(CatalogCacheProperties properties, Optional<MeterRegistry> meters) {
        this.enabled = !properties.ttl().isZero() && !properties.ttl().isNegative();
        // Pages weigh what they hold: a page of 100 products takes the room of 100 products by id.
        this.pages = Caffeine.newBuilder().expireAfterWrite(properties.ttl()).maximumWeight(properties.maxProducts())
            .<Key, Page<?>>weigher((key, page) -> 1 + page.getNumberOfElements()).recordStats().build();
        this.counts = build(properties);
        this.products = build(properties);
        meters.ifPresent(registry -> {
            CaffeineCacheMetrics.monitor(registry, pages, "catalog.pages");
            CaffeineCacheMetrics.monitor(registry, counts, "catalog.counts");
            CaffeineCacheMetrics.monitor(registry, products, "catalog.products");
        });
    }

    private static <V> Cache<Key, V> build(CatalogCacheProperties properties) {
        return Caffeine.newBuilder().expireAfterWrite(properties.ttl()).maximumSize(properties.maxProducts())
            .recordStats().build();
    }

    /** The page of a public list, loaded (once for concurrent askers) if it is not cached. */
    @SuppressWarnings("unchecked") // the key says what the page holds: a query's pages hold products
    Page<ProductResponse> page(ProductQuery query, Supplier<Page<ProductResponse>> load) {
        if (!enabled || !query.isPublic()) {
            return load.get();
        }
        return (Page<ProductResponse>) pages.get(new Key(generation.get(), query), key -> load.get());
    }

    /** The same query's page as cards ({@code view=card}), cached apart from its full page. */
    @SuppressWarnings("unchecked") // a CardsOf key's pages hold cards
    Page<ProductCard> cards(ProductQuery query, Supplier<Page<ProductCard>> load) {
        if (!enabled || !query.isPublic()) {
            return load.get();
        }
        return (Page<ProductCard>) pages.get(new Key(generation.get(), new CardsOf(query)), key -> load.get());
    }

    private record CardsOf(ProductQuery query) {
    }

    /** How many products match a public filter, counted only if it is not cached. */
    long count(ProductFilter filter, LongSupplier load) {
        if (!enabled || !Catalog.PUBLIC_STATUSES.containsAll(filter.statuses())) {
            return load.getAsLong();
        }
        return counts.get(new Key(generation.get(), filter), key -> load.getAsLong());
    }

    /** A product by id; unknown ids are not cached (a lookup by id is cheap even on the stand-in). */
    Optional<ProductResponse> product(String id, Supplier<Optional<ProductResponse>> load) {
        if (!enabled) {
            return load.get();
        }
        return Optional.ofNullable(products.get(new Key(generation.get(), id), key -> load.get().orElse(null)));
    }

    /** Some product changed (here or elsewhere): no read from now on gets anything cached before. */
    void productsChanged() {
        generation.incrementAndGet();
        // Only frees the memory: the new generation already hides the old entries.
        pages.invalidateAll();
        counts.invalidateAll();
        products.invalidateAll();
    }
}
