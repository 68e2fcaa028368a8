package io.thriftstore.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.thriftstore.platform.web.testapp.SampleAppTest;
import io.thriftstore.platform.web.testapp.Gate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A service full of requests answers the next one 503 at once, keeps its probes, and serves again once they end. */
class InFlightLimitIT extends SampleAppTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private MeterRegistry meters;

    @Test
    void oneRequestTooManyIs503AtOnceWithoutAuthenticationAndHealthStillAnswers() throws Exception {
        double refusedBefore = refused();
        Gate.HELD.close();
        List<CompletableFuture<HttpResponse<String>>> held;
        try {
            held = IntStream.range(0, MAX_IN_FLIGHT)
                .mapToObj(i -> http.sendAsync(get("/api/public/held").build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
            Gate.HELD.awaitWaiting(MAX_IN_FLIGHT, Duration.ofSeconds(10));

            // A forged token: refused for being one too many before anything reads it, so 503 and not 401.
            HttpResponse<String> refused = http.send(get("/api/me").header("Authorization", "Bearer forged").build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("https://thriftstore.dev/problems/service-unavailable", "busy");
            assertThat(refused() - refusedBefore).isEqualTo(1.0);

            HttpResponse<String> health = http.send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
        finally {
            Gate.HELD.open();
        }

        for (CompletableFuture<HttpResponse<String>> request : held) {
            HttpResponse<String> response = request.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("passed");
        }
        // Every slot was given back: as many requests as the limit fit again at once.
        Gate.HELD.close();
        try {
            held = IntStream.range(0, MAX_IN_FLIGHT)
                .mapToObj(i -> http.sendAsync(get("/api/public/held").build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
            Gate.HELD.awaitWaiting(MAX_IN_FLIGHT, Duration.ofSeconds(10));
        }
        finally {
            Gate.HELD.open();
        }
        for (CompletableFuture<HttpResponse<String>> request : held) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
        assertThat(refused() - refusedBefore).isEqualTo(1.0);
    }

    private double refused() {
        var counter = meters.find("http.requests.refused").tag("reason", "busy").counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }
}
