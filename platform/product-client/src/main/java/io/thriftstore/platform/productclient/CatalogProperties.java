package io.thriftstore.platform.productclient;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where product-service answers, how long a caller waits for it and how order-service proves it may hold stock
 * ({@code thriftstore.catalog.*}; the env variables are in {@code product-client-defaults.properties}).
 *
 * @param serviceKey the shared secret product-service's hold endpoint asks for (env {@code THRIFTSTORE_SERVICE_KEY});
 *                   sent only with holds
 * @param retryAfter how long a caller should tell its own client to wait (503 {@code Retry-After}) when
 *                   product-service cannot answer; carried by {@link ProductServiceUnavailableException}
 */
@Validated
@ConfigurationProperties("thriftstore.catalog")
record CatalogProperties(
        @NotNull @DefaultValue("http://localhost:5010") URI url,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout,
        String serviceKey,
        @NotNull @DefaultValue("5s") Duration retryAfter) {

    boolean hasServiceKey() {
        return serviceKey != null && !serviceKey.isBlank();
    }
}
