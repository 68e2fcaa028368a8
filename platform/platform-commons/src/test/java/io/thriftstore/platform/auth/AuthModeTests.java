package io.thriftstore.platform.auth;

import io.thriftstore.devtools.tokens.DevTokens;
import io.thriftstore.platform.web.testapp.SampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code thriftstore.auth.mode=dev} a service is in Clerk mode: even when it is handed the very key the
 * dev tooling signs with, a token the dev tooling issued ({@code iss} {@code thriftstore-dev}) is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthModeTests {

    private static final DevTokens KEYS = DevTokens.generate();
    private static final String CLERK_ISSUER = "https://clerk.shop.example";

    private ConfigurableApplicationContext clerkMode;
    private int port;

    @BeforeAll
    void startAServiceInClerkMode() throws Exception {
        Path keys = Files.createTempDirectory("thriftstore-clerk-keys");
        KEYS.write(keys);
        clerkMode = new SpringApplicationBuilder(SampleApp.class).run("--server.port=0", "--spring.main.banner-mode=off",
            "--spring.kafka.admin.auto-create=false",
            "--thriftstore.auth.public-key-location=" + keys.resolve(DevTokens.PUBLIC_KEY_FILE).toUri());
        port = ((WebServerApplicationContext) clerkMode).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        clerkMode.close();
    }

    @Test
    void aDevIssuedTokenIsRefusedOutsideDevMode() throws Exception {
        assertThat(me(KEYS.sign("user_mallory", "Mallory"))).isEqualTo(401);
    }

    @Test
    void theRuntimeKnowsTheDevIssuerTheDevToolingSigns() {
        // The runtime keeps its own copy (it must not depend on devtools/dev-tokens): a drift would let dev tokens
        // into Clerk mode and lock them out of dev mode.
        assertThat(AuthProperties.DEV_ISSUER).isEqualTo(DevTokens.DEFAULT_ISSUER);
    }

    @Test
    void aTokenOfAnotherIssuerSignedByTheConfiguredKeyIsAccepted() throws Exception {
        assertThat(me(KEYS.sign(DevTokens.Claims.of("user_ada").name("Ada").issuer(CLERK_ISSUER)))).isEqualTo(200);
    }

    private int me(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
            .header("Authorization", "Bearer " + token).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
