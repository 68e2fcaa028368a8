package io.thriftstore.platform.auth;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a local HTTP server standing in for Clerk's user API (no network here, and no mocks of the SDK). */
class ClerkDisplayNamesTests {

    private static final String ADA = """
        {"id":"user_ada","object":"user","external_id":null,"primary_email_address_id":null,
         "primary_phone_number_id":null,"primary_web3_wallet_id":null,"username":"ada","first_name":"Ada",
         "last_name":"Lovelace","profile_image_url":"https://img.example/a","image_url":"https://img.example/a",
         "has_image":false,"public_metadata":{},"private_metadata":{},"unsafe_metadata":{},"email_addresses":[],
         "phone_numbers":[],"web3_wallets":[],"passkeys":[],"password_enabled":false,"two_factor_enabled":false,
         "totp_enabled":false,"backup_code_enabled":false,"mfa_enabled_at":null,"mfa_disabled_at":null,
         "external_accounts":[],"saml_accounts":[],"enterprise_accounts":[],"last_sign_in_at":null,"banned":false,
         "locked":false,"lockout_expires_in_seconds":null,"verification_attempts_remaining":5,
         "updated_at":1700000000000,"created_at":1700000000000,"delete_self_enabled":true,
         "create_organization_enabled":true,"last_active_at":null,"legal_accepted_at":null,
         "password_last_updated_at":null,"bypass_client_trust":false,"locale":null,"organization_memberships":[]}""";

    private HttpServer clerk;
    private final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void startClerk() throws IOException {
        clerk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clerk.createContext("/v1/users/user_ada", exchange -> {
            lookups.incrementAndGet();
            reply(exchange, 200, ADA);
        });
        clerk.createContext("/v1/users/user_slow", exchange -> {
            lookups.incrementAndGet();
            try {
                Thread.sleep(3_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, ADA);
        });
        clerk.createContext("/v1/users/user_gone", exchange -> {
            lookups.incrementAndGet();
            reply(exchange, 404, "{\"errors\":[{\"message\":\"not found\",\"long_message\":\"not found\",\"code\":\"resource_not_found\"}]}");
        });
        clerk.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        clerk.start();
    }

    @AfterEach
    void stopClerk() {
        clerk.stop(0);
    }

    @Test
    void aUserWithoutANameClaimIsNamedByClerkOnceThenFromTheCache() {
        DisplayNames names = clerkAt("http://127.0.0.1:" + clerk.getAddress().getPort() + "/v1");

        assertThat(names.of(token("user_ada", null))).isEqualTo("Ada Lovelace");
        assertThat(names.of(token("user_ada", null))).isEqualTo("Ada Lovelace");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void theNameClaimWinsWithoutAskingClerk() {
        DisplayNames names = clerkAt("http://127.0.0.1:" + clerk.getAddress().getPort() + "/v1");

        assertThat(names.of(token("user_ada", "Countess"))).isEqualTo("Countess");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anUnknownUserIsNamedByItsId() {
        DisplayNames names = clerkAt("http://127.0.0.1:" + clerk.getAddress().getPort() + "/v1");

        assertThat(names.of(token("user_gone", null))).isEqualTo("user_gone");
    }

    @Test
    void aSlowClerkFallsBackToTheIdWithinTheTimeout() {
        DisplayNames names = clerkAt("http://127.0.0.1:" + clerk.getAddress().getPort() + "/v1");

        long started = System.nanoTime();
        assertThat(names.of(token("user_slow", null))).isEqualTo("user_slow");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnreachableClerkFallsBackToTheId() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DisplayNames names = clerkAt("http://127.0.0.1:" + closedPort + "/v1");

        assertThat(names.of(token("user_ada", null))).isEqualTo("user_ada");
    }

    @Test
    void withoutClerkTheNameClaimOrElseTheIdIsUsed() {
        assertThat(DisplayNames.fromClaims().of(token("user_ada", " Ada "))).isEqualTo("Ada");
        assertThat(DisplayNames.fromClaims().of(token("user_ada", null))).isEqualTo("user_ada");
    }

    private static DisplayNames clerkAt(String apiUrl) {
        return new ClerkDisplayNames("sk_test_local", apiUrl, Duration.ofMillis(500), Duration.ofMinutes(10));
    }

    private static Jwt token(String subject, String name) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject)
            .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (name != null) {
            jwt.claim("name", name);
        }
        return jwt.build();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
