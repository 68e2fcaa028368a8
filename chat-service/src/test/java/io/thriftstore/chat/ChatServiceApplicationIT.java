package io.thriftstore.chat;

import io.thriftstore.testing.Api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against its real MongoDB and Kafka and says so. */
@ChatServiceIT
class ChatServiceApplicationIT {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpAndTheApiIsDocumented() {
        Api api = new Api(port);

        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");

        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/conversations/{id}/messages")).isTrue();
    }
}
