package io.thriftstore.platform.web.testapp;

import io.thriftstore.platform.auth.PublicEndpoints;
import io.thriftstore.platform.auth.stomp.StompDestinations;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/** A small service built the way real ones are: the platform's auto-configuration plus a controller. */
@SpringBootApplication
public class SampleApp {

    @Bean
    PublicEndpoints sampleCatalogue() {
        return PublicEndpoints.get("/api/public/**").and(HttpMethod.POST, "/api/public/bulk");
    }

    @Bean
    StompDestinations sampleDestinations() {
        return StompDestinations.subscribe("/user/queue/echo", "/user/queue/errors").andSend("/app/echo");
    }
}
