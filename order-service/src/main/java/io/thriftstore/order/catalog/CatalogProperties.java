package io.thriftstore.order.catalog;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where product-service answers, how long we wait for it and how we prove we are order-service
 * ({@code thriftstore.catalog.*}).
 *
 * @param serviceKey the shared secret product-service's hold endpoint asks for (env {@code THRIFTSTORE_SERVICE_KEY})
 * @param retryAfter what a buyer is told to wait when product-service cannot answer (503 {@code Retry-After})
 */
@Validated
@ConfigurationProperties("thriftstore.catalog")
record CatalogProperties(
        @NotNull @DefaultValue("http://localhost:5010") URI url,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout,
        String serviceKey,
        @NotNull @DefaultValue("5s") Duration retryAfter) {
}
