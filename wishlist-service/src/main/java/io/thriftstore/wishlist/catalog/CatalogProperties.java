package io.thriftstore.wishlist.catalog;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/** Where product-service answers, and how long the wishlist waits for it. */
@Validated
@ConfigurationProperties("thriftstore.catalog")
record CatalogProperties(
        @NotNull @DefaultValue("http://localhost:5010") URI url,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("2s") Duration readTimeout) {
}
