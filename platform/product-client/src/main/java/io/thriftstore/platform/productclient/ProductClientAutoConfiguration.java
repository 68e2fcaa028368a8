package io.thriftstore.platform.productclient;

import java.net.http.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

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

    /** @param builders Boot's (observed: each call is a span of the caller's trace, with its traceparent header) */
    @Bean
    ProductClient productClient(CatalogProperties properties, ObjectProvider<RestClient.Builder> builders,
                                CircuitBreakerRegistry breakers, RetryRegistry retries) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-http connection.
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
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
