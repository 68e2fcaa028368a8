package io.thriftstore.testing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import java.io.InputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestTokens;

/**
 * Tokens checked as a service's resource server checks them: RS256 against the PEM at
 * {@code thriftstore.auth.public-key-location} (set by {@link RealInfrastructure}), with Spring Security's
 * default validators (expiry and not-before, 60 s clock skew).
 */
@SpringBootTest
@RealInfrastructure
class TestTokensIT {

    @Autowired
    Environment environment;

    @Autowired
    ResourceLoader resources;

    JwtDecoder serviceDecoder;

    @BeforeEach
    void readTheKeyTheServiceIsGiven() throws Exception {
        try (InputStream pem = resources.getResource(environment.getRequiredProperty("thriftstore.auth.public-key-location")).getInputStream()) {
            serviceDecoder = NimbusJwtDecoder.withPublicKey(RsaKeyConverters.x509().convert(pem)).build();
        }
    }

    @Test
    void theServiceTrustsTheTestKey() {
        assertThat(environment.getProperty("thriftstore.auth.public-key-location"))
                .isEqualTo(TestTokens.publicKeyLocation())
                .startsWith("file:/");
        assertThat(TestTokens.publicKeyFile()).exists();
    }

    @Test
    void aTestTokenCarriesTheUserAndTheirName() {
        String bearer = TestTokens.bearer("user_1", "User One");
        assertThat(bearer).startsWith("Bearer eyJ");

        Jwt jwt = serviceDecoder.decode(bearer.substring("Bearer ".length()));

        assertThat(jwt.getSubject()).isEqualTo("user_1");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("User One");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(TestTokens.ISSUER);
        assertThat(jwt.getClaimAsString("azp")).isEqualTo(TestTokens.AZP);
        assertThat(jwt.getClaimAsString("sid")).isNotBlank();
        assertThat(jwt.getExpiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = TestTokens.forUser("user_1", "User One").expired().token();

        assertThatThrownBy(() -> serviceDecoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        String token = TestTokens.forUser("user_1", "User One").notYetValid().token();

        assertThatThrownBy(() -> serviceDecoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        String token = TestTokens.forUser("user_1", "User One").signedByAnotherKey().token();

        assertThatThrownBy(() -> serviceDecoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aTokenCanNameAnotherOrigin() {
        Jwt jwt = serviceDecoder.decode(TestTokens.forUser("user_1", "User One").azp("https://phishing.example").token());

        assertThat(jwt.getClaimAsString("azp")).isEqualTo("https://phishing.example");
    }

    @Test
    void aTokenWithoutAzpIsAccepted() {
        Jwt jwt = serviceDecoder.decode(TestTokens.forUser("user_1", "User One").withoutAzp().token());

        assertThat(jwt.hasClaim("azp")).isFalse();
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedWhereAnIssuerIsConfigured() {
        String token = TestTokens.forUser("user_1", "User One").issuer("https://clerk.other.example").token();
        NimbusJwtDecoder checkingIssuer = NimbusJwtDecoder.withPublicKey(TestTokens.publicKey()).build();
        checkingIssuer.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestTokens.ISSUER));

        assertThatThrownBy(() -> checkingIssuer.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(checkingIssuer.decode(TestTokens.token("user_1", "User One")).getSubject()).isEqualTo("user_1");
    }

    @Test
    void aTokenWithoutNameOrWithCustomClaimsIsStillValid() {
        Jwt jwt = serviceDecoder.decode(TestTokens.forUser("user_2", "ignored")
                .withoutName()
                .claim("org_role", "admin")
                .token());

        assertThat(jwt.getSubject()).isEqualTo("user_2");
        assertThat(jwt.hasClaim("name")).isFalse();
        assertThat(jwt.getClaimAsString("org_role")).isEqualTo("admin");
    }
}
