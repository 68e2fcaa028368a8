package io.thriftstore.platform.productclient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The {@link ProductClient} of every service that has this module. The defaults (properties, env variables,
 * resilience4j instance {@code catalog}) live in {@code product-client-defaults.properties}, added after the
 * service's own configuration so that a service (or a test) can still override any of them.
 *
 * <p>The proxy is made here rather than with Boot's {@code @ImportHttpServices}: that one reads
 * {@code spring.http.serviceclient.*}, and the services, compose, k8s and the launcher already set
 * {@code thriftstore.catalog.*} and its env variables.
 */
@AutoConfiguration
@EnableConfigurationProperties(CatalogProperties.class)
@PropertySource("classpath:product-client-defaults.properties")
public class ProductClientAutoConfiguration {

    static final String RESILIENCE_INSTANCE = "catalog";

    /**
     * Connections to product-service at most. Large enough that a call never waits for one in practice: the caller's
     * front door bounds its requests in flight (platform-commons' {@code thriftstore.web.max-in-flight}, 256), and a
     * wait here would end in a timeout that the retry and the breaker count as product-service failing.
     */
    static final int MAX_CONNECTIONS = 256;

    /** @param builders Boot's (observed: each call is a span of the caller's trace, with its traceparent header) */
    @Bean
    ProductClient productClient(CatalogProperties properties, ObjectProvider<RestClient.Builder> builders,
                                CircuitBreakerRegistry breakers, RetryRegistry retries) {
        // Apache HttpClient's classic (blocking) client, one call on the caller's (virtual) thread, over a pool of
        // kept-alive connections. The JDK HttpClient used before hands every exchange between its selector thread and
        // a worker pool, which cost order-service about 1 ms of CPU per order (docs/PERFORMANCE.md, run 11); the
        // JDK's HttpURLConnection keeps only 5 idle connections per host, so a burst of orders would open new ones.
        ConnectionConfig connections = ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(properties.connectTimeout()))
            // A connection idle for a second is checked before reuse: product-service may have restarted meanwhile.
            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
            .build();
        HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connections)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .build())
            .disableAutomaticRetries() // resilience4j retries the hold, and only the hold
            .build());
        requests.setConnectionRequestTimeout(properties.connectTimeout());
        // The read timeout, once: the factory sets it as each request's response timeout.
        requests.setReadTimeout(properties.readTimeout());
        RestClient http = builders.getIfAvailable(RestClient::builder)
            .baseUrl(properties.url().toString())
            .requestFactory(requests)
            .build();
        ProductApi api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(http)).build()
            .createClient(ProductApi.class);
        return new ProductClient(api, properties, breakers.circuitBreaker(RESILIENCE_INSTANCE),
            retries.retry(RESILIENCE_INSTANCE));
    }
}
