package io.thriftstore.product;

import io.thriftstore.testing.Api;
import io.thriftstore.testing.TestInfrastructure;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user write limit (DESIGN section 4) holds across instances behind a load balancer: two instances on one
 * database share each user's budget (its buckets are in the service's MongoDB, platform-commons' ratelimit package),
 * so alternating between them gains nothing.
 */
@ProductServiceIT
class WriteLimitAcrossInstancesIT {

    @Autowired
    TestInfrastructure infrastructure;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopTheInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theWriteAfterTheLimitIsRefusedWith429WhicheverInstanceItReaches() {
        Api first = startAnInstanceWithAWriteLimitOf(5);
        Api second = startAnInstanceWithAWriteLimitOf(5);
        TestUser seller = TestUser.named("Alternating seller");
        String rename = "/api/products/" + new ObjectId();

        for (int write = 1; write <= 5; write++) {
            Api.Response answer = (write % 2 == 1 ? first : second).patch(rename, seller.bearer(), Map.of("name", "Lamp"));
            assertThat(answer.status()).as("write %d: %s", write, answer).isEqualTo(404);
        }
        for (Api instance : List.of(second, first)) {
            Api.Response refused = instance.patch(rename, seller.bearer(), Map.of("name", "Lamp"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.json().path("type").asString()).endsWith("/rate-limited");
            assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
        }
        // Reads are not counted, and other users have budgets of their own.
        assertThat(first.get(rename, null).status()).isEqualTo(404);
        assertThat(second.patch(rename, TestUser.named("Someone else").bearer(), Map.of("name", "Lamp")).status()).isEqualTo(404);
    }

    private Api startAnInstanceWithAWriteLimitOf(int writesPerMinute) {
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(ProductServiceApplication.class)
            .run(infrastructure.secondInstanceArguments("--thriftstore.rate-limit.writes-per-minute=" + writesPerMinute,
                "--thriftstore.product.hold.service-key=" + ProductServiceIT.SERVICE_KEY));
        instances.add(instance);
        return new Api(((WebServerApplicationContext) instance).getWebServer().getPort());
    }
}
