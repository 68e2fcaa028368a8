package io.thriftstore.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.thriftstore.platform.web.testapp.Gate;
import io.thriftstore.platform.web.testapp.SampleAppTest;
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
import static org.awaitility.Awaitility.await;

/**
 * A service full of requests lets the next ones wait a moment for a slot, refuses the rest with 503 before
 * authenticating them, keeps answering its probes, and serves again once the requests end.
 */
class InFlightLimitIT extends SampleAppTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private MeterRegistry meters;

    @Test
    void aRequestWaitsForASlotThatFreesWithinTheWait() throws Exception {
        double refusedBefore = refused();
        Gate.HELD.close();
        List<CompletableFuture<HttpResponse<String>>> held;
        CompletableFuture<HttpResponse<String>> waiting;
        try {
            held = sendHeld(MAX_IN_FLIGHT);
            Gate.HELD.awaitWaiting(MAX_IN_FLIGHT, Duration.ofSeconds(10));
            waiting = sendHeld(1).get(0);
            awaitWaitingForASlot(1);
        }
        finally {
            Gate.HELD.open();
        }

        for (CompletableFuture<HttpResponse<String>> request : held) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
        assertThat(waiting.get().statusCode()).isEqualTo(200);
        assertThat(waiting.get().body()).isEqualTo("passed");
        assertThat(refused()).isEqualTo(refusedBefore);
    }

    @Test
    void beyondTheSlotsAndTheWaitingRoomA503AtOnceWithoutAuthenticationAndHealthStillAnswers() throws Exception {
        double refusedBefore = refused();
        Gate.HELD.close();
        List<CompletableFuture<HttpResponse<String>>> held;
        List<CompletableFuture<HttpResponse<String>>> waiting;
        try {
            held = sendHeld(MAX_IN_FLIGHT);
            Gate.HELD.awaitWaiting(MAX_IN_FLIGHT, Duration.ofSeconds(10));
            waiting = sendHeld(MAX_IN_FLIGHT);
            awaitWaitingForASlot(MAX_IN_FLIGHT);

            // A forged token: refused for being one too many before anything reads it, so 503 and not 401.
            HttpResponse<String> refused = http.send(get("/api/me").header("Authorization", "Bearer forged").build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("https://thriftstore.dev/problems/service-unavailable", "busy");

            HttpResponse<String> health = http.send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            // No slot frees within the wait: the waiting ones are refused too, nothing of theirs was handled.
            for (CompletableFuture<HttpResponse<String>> request : waiting) {
                assertThat(request.get().statusCode()).isEqualTo(503);
            }
            assertThat(refused() - refusedBefore).isEqualTo(1.0 + MAX_IN_FLIGHT);
        }
        finally {
            Gate.HELD.open();
        }

        for (CompletableFuture<HttpResponse<String>> request : held) {
            HttpResponse<String> response = request.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("passed");
        }
        // Every slot was given back: as many requests as the limit are handled at once again.
        Gate.HELD.close();
        try {
            held = sendHeld(MAX_IN_FLIGHT);
            Gate.HELD.awaitWaiting(MAX_IN_FLIGHT, Duration.ofSeconds(10));
        }
        finally {
            Gate.HELD.open();
        }
        for (CompletableFuture<HttpResponse<String>> request : held) {
            assertThat(request.get().statusCode()).isEqualTo(200);
        }
        assertThat(refused() - refusedBefore).isEqualTo(1.0 + MAX_IN_FLIGHT);
    }

    private List<CompletableFuture<HttpResponse<String>>> sendHeld(int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> http.sendAsync(get("/api/public/held").build(), HttpResponse.BodyHandlers.ofString()))
            .toList();
    }

    private void awaitWaitingForASlot(int count) {
        await().atMost(Duration.ofMillis(IN_FLIGHT_WAIT_MS / 2)).pollInterval(Duration.ofMillis(5))
            .until(() -> meters.get("http.requests.waiting").gauge().value() == count);
    }

    private double refused() {
        var counter = meters.find("http.requests.refused").tag("reason", "busy").counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }
}
