package io.thriftstore.wishlist;

import io.thriftstore.testing.Api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against its real PostgreSQL (Flyway applied) and Kafka, healthy and documented. */
class WishlistServiceApplicationIT extends AgainstRealServers {

    @Test
    void reportsHealthyAgainstItsRealStoreAndBroker() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void servesItsOpenApiDescription() {
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/wishlist")).isTrue();
        assertThat(docs.json().path("paths").path("/api/wishlist/items/{productId}").has("put")).isTrue();
        assertThat(docs.json().path("paths").path("/api/wishlist/items/{productId}").has("delete")).isTrue();
    }
}
