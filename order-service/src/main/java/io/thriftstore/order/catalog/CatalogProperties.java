package io.thriftstore.order.catalog;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** Where product-service answers and how long we wait for it ({@code thriftstore.catalog.*}). */
@Validated
@ConfigurationProperties("thriftstore.catalog")
record CatalogProperties(
        @NotNull @DefaultValue("http://localhost:5010") URI url,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout) {
}
