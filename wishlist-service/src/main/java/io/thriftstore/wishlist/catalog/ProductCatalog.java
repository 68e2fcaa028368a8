package io.thriftstore.wishlist.catalog;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client of product-service's public product API ({@code GET /api/products/{id}},
 * {@code POST /api/products/bulk}). Every failure to get an answer (refused, timed out, 5xx,
 * unreadable) is a {@link CatalogUnavailableException}, so callers decide between a 503 and a fallback.
 */
@Component
public class ProductCatalog {

    /** product-service answers at most this many ids per bulk request (DESIGN section 5). */
    static final int BULK_LIMIT = 100;

    private static final ParameterizedTypeReference<List<CatalogProduct>> PRODUCTS = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;

    /** @param builder Boot's (observed: each call is a span of the request's trace, with its traceparent header) */
    ProductCatalog(CatalogProperties properties, RestClient.Builder builder) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-http connection.
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder
            .baseUrl(properties.url().toString())
            .requestFactory(requests)
            .defaultHeaders(headers -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)))
            .build();
    }

    /** The product, or empty when product-service does not know it. */
    public Optional<CatalogProduct> product(String id) {
        try {
            return Optional.ofNullable(http.get().uri("/api/products/{id}", id).retrieve().body(CatalogProduct.class));
        }
        catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        }
        catch (RestClientException e) {
            throw new CatalogUnavailableException("product-service did not answer for product " + id, e);
        }
    }

    /** The known products among these ids, by id (unknown ids are absent). */
    public Map<String, CatalogProduct> products(List<String> ids) {
        Map<String, CatalogProduct> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += BULK_LIMIT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BULK_LIMIT));
            for (CatalogProduct product : bulk(chunk)) {
                found.put(product.id(), product);
            }
        }
        return found;
    }

    private List<CatalogProduct> bulk(List<String> ids) {
        try {
            List<CatalogProduct> products = http.post().uri("/api/products/bulk")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", new ArrayList<>(ids)))
                .retrieve()
                .body(PRODUCTS);
            return products == null ? List.of() : products;
        }
        catch (RestClientException e) {
            throw new CatalogUnavailableException("product-service did not answer a bulk lookup", e);
        }
    }
}
