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
import io.thriftstore.platform.web.ServiceUnavailableException;

/**
 * Reads products from product-service ({@code POST /api/products/bulk}). Each call has connect and read
 * timeouts, is retried a bounded number of times (resilience4j {@code retry.instances.catalog}) inside a
 * circuit breaker ({@code circuitbreaker.instances.catalog}); when product-service cannot answer the
 * caller gets {@link ServiceUnavailableException} (503).
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogClient {

    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);
    private static final String NAME = "catalog";

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    CatalogClient(CatalogProperties properties, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        HttpClient client = HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().baseUrl(properties.url().toString()).requestFactory(requests).build();
        this.breaker = breakers.circuitBreaker(NAME);
        this.retry = retries.retry(NAME);
    }

    /** The known products among {@code ids}, in the order asked; unknown ids are left out. */
    public List<CatalogProduct> products(List<String> ids) {
        Supplier<List<CatalogProduct>> call = () -> http.post()
            .uri("/api/products/bulk")
            .contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON)
            .body(Map.of("ids", ids))
            .retrieve()
            .body(new org.springframework.core.ParameterizedTypeReference<List<CatalogProduct>>() { });
        try {
            // The breaker wraps the retries: one exhausted series of attempts counts as one failure.
            List<CatalogProduct> found = breaker.executeSupplier(Retry.decorateSupplier(retry, call));
            return found == null ? List.of() : found;
        }
        catch (CallNotPermittedException open) {
            throw new ServiceUnavailableException("The catalog is unavailable; please try again shortly.");
        }
        catch (RestClientException failed) {
            log.warn("product-service did not answer: {}", failed.getMessage());
            throw new ServiceUnavailableException("The catalog is unavailable; please try again shortly.");
        }
    }
}
