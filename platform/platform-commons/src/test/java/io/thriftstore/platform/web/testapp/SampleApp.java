package io.thriftstore.platform.web.testapp;

import io.thriftstore.platform.auth.PublicEndpoints;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

import java.time.Instant;

/** A small service built the way real ones are: the platform's auto-configuration plus a controller. */
@SpringBootApplication
public class SampleApp {

    @Bean
    PublicEndpoints sampleCatalogue() {
        return PublicEndpoints.get("/api/public/**").and(HttpMethod.POST, "/api/public/bulk");
    }

    /** The time the write limit reads: it stands still unless a test moves it (WriteRateLimitTests). */
    @Bean
    MovableClock clock() {
        return new MovableClock(Instant.now());
    }
}
