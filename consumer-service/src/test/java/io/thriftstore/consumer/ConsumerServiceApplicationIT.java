package io.thriftstore.consumer;

import io.thriftstore.testing.Api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against real PostgreSQL and Kafka, reports healthy and documents its API. */
@ConsumerServiceIT
class ConsumerServiceApplicationIT {

    @LocalServerPort
    int port;

    @Test
    void startsHealthyAndServesItsApiDocs() {
        Api api = new Api(port);
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/insights/sellers/me")).isTrue();
        assertThat(docs.json().path("paths").has("/api/insights/products/{id}")).isTrue();
    }
}
