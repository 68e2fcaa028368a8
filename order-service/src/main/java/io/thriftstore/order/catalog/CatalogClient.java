package io.thriftstore.order.catalog;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.ForbiddenException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ServiceUnavailableException;

/**
 * The client for product-service: holds the stock of an order ({@code PUT /api/holds/{orderId}}, with the
 * service key). Each call has connect and read timeouts and is retried a bounded number of times (resilience4j
 * {@code retry.instances.catalog}; safe, the hold is idempotent by order id) inside a circuit breaker
 * ({@code circuitbreaker.instances.catalog}). A refusal (4xx) is an answer, not a failure: it is neither retried
 * nor counted by the breaker. When product-service cannot answer, the caller gets
 * {@link ServiceUnavailableException} (503 + Retry-After); a hold it may have made meanwhile expires on its own.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogClient {

    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);
    private static final String NAME = "catalog";
    static final String SERVICE_KEY_HEADER = "Thriftstore-Service-Key";

    /** product-service's refusal: problem+json with {@code reason} and {@code items}. */
    record Refusal(int status, String detail, String reason, List<SoldOutException.Item> items) {
    }

    /** One of the two is set. */
    private record Answer(StockHold hold, Refusal refusal) {
    }

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final CatalogProperties properties;

    /** @param builder Boot's (observed: the hold is a span of the order's trace, with its traceparent header) */
    CatalogClient(CatalogProperties properties, CircuitBreakerRegistry breakers, RetryRegistry retries,
                  RestClient.Builder builder) {
        HttpClient client = HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.baseUrl(properties.url().toString()).requestFactory(requests).build();
        this.breaker = breakers.circuitBreaker(NAME);
        this.retry = retries.retry(NAME);
        this.properties = properties;
        if (properties.serviceKey() == null || properties.serviceKey().isBlank()) {
            log.warn("thriftstore.catalog.service-key (THRIFTSTORE_SERVICE_KEY) is not set: product-service will refuse "
                + "every stock hold and orders will be answered with 503");
        }
    }

    /** A product id and how many. */
    public record Line(String productId, int quantity) {
    }

    /**
     * Holds the stock of the whole order for {@code orderId}, or none. Refusals become the buyer's answer:
     * {@link SoldOutException} (409 sold-out), 404 unknown, 409 archived, 403 own product, 400 several sellers.
     */
    public StockHold hold(String orderId, String buyerId, List<Line> lines) {
        Map<String, Object> body = Map.of("buyerId", buyerId, "items", lines);
        Supplier<Answer> call = () -> http.put()
            .uri("/api/holds/{orderId}", orderId)
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
            .headers(headers -> {
                if (properties.serviceKey() != null) {
                    headers.set(SERVICE_KEY_HEADER, properties.serviceKey());
                }
            })
            .body(body)
            .exchange((request, response) -> {
                int status = response.getStatusCode().value();
                if (status == 200) {
                    return new Answer(response.bodyTo(StockHold.class), null);
                }
                if (status >= 400 && status < 500) {
                    Refusal refusal = response.bodyTo(Refusal.class);
                    return new Answer(null, refusal == null ? new Refusal(status, null, null, List.of()) : refusal);
                }
                throw new RestClientException("product-service answered " + status);
            });
        Answer answer;
        try {
            // The breaker wraps the retries: one exhausted series of attempts counts as one failure.
            answer = breaker.executeSupplier(Retry.decorateSupplier(retry, call));
        }
        catch (CallNotPermittedException open) {
            throw unavailable();
        }
        catch (RestClientException failed) {
            log.warn("product-service did not answer the hold of order {}: {}", orderId, failed.getMessage());
            throw unavailable();
        }
        if (answer.hold() != null) {
            return answer.hold();
        }
        throw refused(answer.refusal(), orderId);
    }

    private RuntimeException refused(Refusal refusal, String orderId) {
        String detail = refusal.detail();
        return switch (refusal.reason() == null ? "" : refusal.reason()) {
            case "OUT_OF_STOCK" -> new SoldOutException(detail, refusal.items());
            case "PRODUCT_NOT_FOUND" -> new NotFoundException(detail);
            case "PRODUCT_ARCHIVED", "HOLD_ENDED" -> new ConflictException(detail);
            case "OWN_PRODUCT" -> new ForbiddenException(detail);
            case "SEVERAL_SELLERS" -> new BadRequestException("items", "must all come from one seller");
            default -> {
                // Not the buyer's doing: a wrong service key, or a request product-service does not understand.
                log.error("product-service refused the hold of order {} ({} {}): {}", orderId, refusal.status(),
                    refusal.reason(), detail);
                yield unavailable();
            }
        };
    }

    private ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("Items cannot be reserved right now; please try again shortly. "
            + "Nothing was ordered.", properties.retryAfter());
    }
}
