package io.thriftstore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import io.thriftstore.testing.Api;

/**
 * The per-user write limit (DESIGN section 4) holds across instances behind a load balancer: two instances on one
 * database share each user's budget (its buckets are in the service's PostgreSQL, platform-outbox), so alternating
 * between them gains nothing.
 */
class WriteLimitAcrossInstancesIT extends OrderServiceIntegrationTest {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopTheInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theWriteAfterTheLimitIsRefusedWith429WhicheverInstanceItReaches() {
        Api first = startAnInstanceWithAWriteLimitOf(5);
        Api second = startAnInstanceWithAWriteLimitOf(5);
        String buyer = user("alternating");
        String cancel = "/api/orders/" + UUID.randomUUID();

        for (int write = 1; write <= 5; write++) {
            Api.Response answer = (write % 2 == 1 ? first : second).patch(cancel, bearer(buyer), Map.of("status", "CANCELLED"));
            assertThat(answer.status()).as("write %d: %s", write, answer).isEqualTo(404);
        }
        for (Api instance : List.of(second, first)) {
            Api.Response refused = instance.patch(cancel, bearer(buyer), Map.of("status", "CANCELLED"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.json().path("type").asString()).endsWith("/rate-limited");
            assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
        }
        // Reads are not counted, and other users have budgets of their own.
        assertThat(first.get("/api/orders", bearer(buyer)).status()).isEqualTo(200);
        assertThat(second.patch(cancel, bearer(user("other")), Map.of("status", "CANCELLED")).status()).isEqualTo(404);
    }

    private Api startAnInstanceWithAWriteLimitOf(int writesPerMinute) {
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(OrderServiceApplication.class)
            .run(infrastructure.secondInstanceArguments(
                "--thriftstore.rate-limit.writes-per-minute=" + writesPerMinute,
                "--thriftstore.catalog.url=" + CATALOG.url(),
                "--thriftstore.catalog.service-key=" + FakeCatalog.SERVICE_KEY));
        instances.add(instance);
        return new Api(((WebServerApplicationContext) instance).getWebServer().getPort());
    }
}
