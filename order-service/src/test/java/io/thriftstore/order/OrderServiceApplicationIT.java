package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The service starts against its real PostgreSQL and Kafka, reports healthy and documents its API. */
class OrderServiceApplicationIT extends OrderServiceIntegrationTest {

    @Test
    void healthIsUpAndTheApiIsDocumented() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");

        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/orders")).isTrue();
        assertThat(docs.json().path("paths").has("/api/orders/{id}")).isTrue();
    }

    @Test
    void ordersNeedAToken() {
        Api.Response anonymous = api.get("/api/orders", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().getContentType().toString()).contains("application/problem+json");
    }
}
