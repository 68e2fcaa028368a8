package io.thriftstore.platform.productclient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * The client of product-service: one product, a bulk lookup, and the stock hold of an order.
 *
 * <p>Every call has the connect and read timeouts of {@code thriftstore.catalog.*}. The hold is retried a bounded
 * number of times (resilience4j {@code retry.instances.catalog}; safe, the hold is idempotent by order id) inside
 * a circuit breaker ({@code circuitbreaker.instances.catalog}); a refusal (4xx) is an answer, neither retried nor
 * counted. The reads are neither retried nor broken: their callers fall back at once (wishlist shows its stored
 * snapshots), so a retry would only multiply the wait, and a breaker would keep showing snapshots after
 * product-service is back.
 *
 * <p>No usable answer is a {@link ProductServiceUnavailableException}, whatever the cause.
 */
public class ProductClient {

    private static final Logger log = LoggerFactory.getLogger(ProductClient.class);

    /** The body of product-service's refusal (problem+json with {@code reason} and {@code items}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Refusal(String detail, String reason, List<HoldRefusedException.ShortItem> items) {
    }

    private final ProductApi api;
    private final CatalogProperties properties;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final AtomicBoolean warnedAboutKey = new AtomicBoolean();

    ProductClient(ProductApi api, CatalogProperties properties, CircuitBreaker breaker, Retry retry) {
        this.api = api;
        this.properties = properties;
        this.breaker = breaker;
        this.retry = retry;
    }

    /** The product, or empty when product-service does not know it (404). */
    public Optional<CatalogProduct> product(String id) {
        try {
            return Optional.ofNullable(api.product(id));
        }
        catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        }
        catch (RestClientException e) {
            throw unavailable("product-service did not answer for product " + id, e);
        }
    }

    /** The known products among these ids, by id in the order asked (unknown ids are absent); 100 ids a request. */
    public Map<String, CatalogProduct> products(List<String> ids) {
        Map<String, CatalogProduct> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += ProductApi.BULK_LIMIT) {
            List<String> chunk = List.copyOf(ids.subList(from, Math.min(ids.size(), from + ProductApi.BULK_LIMIT)));
            List<CatalogProduct> products;
            try {
                products = api.bulk(new ProductApi.BulkRequest(chunk));
            }
            catch (RestClientException e) {
                throw unavailable("product-service did not answer a bulk lookup", e);
            }
            if (products != null) {
                products.forEach(product -> found.put(product.id(), product));
            }
        }
        return found;
    }

    /**
     * Holds the stock of the whole order for {@code orderId}, or none.
     *
     * @throws HoldRefusedException product-service refused (sold out, unknown product, ...): nothing is held
     * @throws ProductServiceUnavailableException no answer after the retries, or the breaker is open; a hold
     *         product-service may have made meanwhile expires on its own
     */
    public StockHold hold(String orderId, String buyerId, List<HoldLine> lines) {
        if (!properties.hasServiceKey() && warnedAboutKey.compareAndSet(false, true)) {
            log.warn("thriftstore.catalog.service-key (THRIFTSTORE_SERVICE_KEY) is not set: product-service will refuse "
                + "every stock hold");
        }
        ProductApi.HoldRequest request = new ProductApi.HoldRequest(buyerId, lines);
        String key = properties.hasServiceKey() ? properties.serviceKey() : null;
        // A refusal leaves the decorated call as a value, so that neither the retry nor the breaker sees it.
        Supplier<Object> call = () -> {
            try {
                return api.hold(orderId, key, request);
            }
            catch (HttpClientErrorException refused) {
                return refusal(refused);
            }
        };
        Object answer;
        try {
            // The breaker wraps the retries: one exhausted series of attempts counts as one failure.
            answer = breaker.executeSupplier(Retry.decorateSupplier(retry, call));
        }
        catch (CallNotPermittedException open) {
            throw unavailable("product-service's circuit is open", open);
        }
        catch (RestClientException failed) {
            log.warn("product-service did not answer the hold of order {}: {}", orderId, failed.getMessage());
            throw unavailable("product-service did not answer the hold of order " + orderId, failed);
        }
        if (answer instanceof StockHold hold) {
            return hold;
        }
        if (answer instanceof HoldRefusedException refused) {
            throw refused;
        }
        throw unavailable("product-service answered the hold of order " + orderId + " without a body", null);
    }

    /**
     * How long a caller should tell its own client to wait when product-service cannot help right now
     * ({@code thriftstore.catalog.retry-after}); also {@link ProductServiceUnavailableException#retryAfter()}.
     */
    public Duration retryAfter() {
        return properties.retryAfter();
    }

    private static HoldRefusedException refusal(HttpClientErrorException refused) {
        Refusal body;
        try {
            body = refused.getResponseBodyAs(Refusal.class);
        }
        catch (RuntimeException unreadable) {
            body = null; // not problem+json (a proxy's page, an empty body): the status is all we know
        }
        return body == null
            ? new HoldRefusedException(refused.getStatusCode().value(), null, null, List.of())
            : new HoldRefusedException(refused.getStatusCode().value(), body.reason(), body.detail(), body.items());
    }

    private ProductServiceUnavailableException unavailable(String message, Throwable cause) {
        return new ProductServiceUnavailableException(message, cause, properties.retryAfter());
    }
}
