package io.thriftstore.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.thriftstore.devtools.tokens.DevTokens;

/**
 * Bearer tokens that the services under test trust: Clerk-shaped RS256 JWTs signed with a key pair made
 * once per JVM, whose public half {@link RealInfrastructure} configures as
 * {@code thriftstore.auth.public-key-location}. Signing is devtools/dev-tokens' {@link DevTokens}, the same
 * code as the launcher's {@code token} command.
 *
 * <pre>{@code
 * mvc.perform(get("/api/orders").header(AUTHORIZATION, TestTokens.bearer("user_1", "User One")));
 * String expired = TestTokens.forUser("user_1", "User One").expired().bearer();
 * String forged = TestTokens.forUser("user_1", "User One").signedByAnotherKey().bearer();
 * }</pre>
 *
 * A token has {@code sub}, {@code name}, {@code iat}, {@code nbf}, {@code exp} (an hour later), {@code iss}
 * ({@value #ISSUER}), {@code azp} ({@value #AZP}) and {@code sid}.
 */
public final class TestTokens {

    public static final String ISSUER = DevTokens.DEFAULT_ISSUER;
    public static final String AZP = DevTokens.DEFAULT_AZP;

    private TestTokens() {
    }

    /** {@code "Bearer <jwt>"} for an {@code Authorization} header: a valid token of that user. */
    public static String bearer(String userId, String name) {
        return forUser(userId, name).bearer();
    }

    /** A valid token of that user (without the {@code Bearer } prefix, e.g. for a STOMP CONNECT header value). */
    public static String token(String userId, String name) {
        return forUser(userId, name).token();
    }

    /** A builder starting from a valid token of that user, for tokens that should be refused. */
    public static Builder forUser(String userId, String name) {
        return new Builder(DevTokens.Claims.of(Objects.requireNonNull(userId, "userId")).name(name));
    }

    /** {@code file:/.../public.pem}: where the services under test read the trusted public key. */
    public static String publicKeyLocation() {
        return "file:" + Keys.PUBLIC_KEY_FILE;
    }

    /** The trusted public key as a PEM file (X.509 SubjectPublicKeyInfo). */
    public static Path publicKeyFile() {
        return Keys.PUBLIC_KEY_FILE;
    }

    public static RSAPublicKey publicKey() {
        return Keys.TRUSTED.publicKey();
    }

    /** Made on first use, once per JVM: key generation takes a moment, and every context must trust one key. */
    private static final class Keys {

        static final DevTokens TRUSTED = DevTokens.generate();
        static final Path PUBLIC_KEY_FILE = writePublicKey();

        private static Path writePublicKey() {
            try {
                Path dir = Files.createTempDirectory("thriftstore-test-keys");
                TRUSTED.write(dir);
                // deleteOnExit runs in reverse order of registration: the files first, then their directory.
                File directory = dir.toFile();
                directory.deleteOnExit();
                dir.resolve(DevTokens.PRIVATE_KEY_FILE).toFile().deleteOnExit();
                dir.resolve(DevTokens.PUBLIC_KEY_FILE).toFile().deleteOnExit();
                return dir.resolve(DevTokens.PUBLIC_KEY_FILE).toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the test public key", e);
            }
        }
    }

    /** A key that nobody trusts: what a forged token is signed with. */
    private static final class UntrustedKeys {

        static final DevTokens UNTRUSTED = DevTokens.generate();
    }

    /**
     * A token that starts valid; each method changes one thing, typically to make it invalid in one way.
     * Builders are immutable: each method returns a new one.
     */
    public static final class Builder {

        /** Past the resource server's default clock skew of 60 s, so that "expired" means expired. */
        private static final Duration WELL_PAST = Duration.ofMinutes(10);

        private final DevTokens.Claims claims;
        private final boolean untrustedKey;

        private Builder(DevTokens.Claims claims) {
            this(claims, false);
        }

        private Builder(DevTokens.Claims claims, boolean untrustedKey) {
            this.claims = claims;
            this.untrustedKey = untrustedKey;
        }

        public Builder name(String name) {
            return new Builder(claims.name(name), untrustedKey);
        }

        /** No {@code name} claim: services fall back to Clerk's user API or the user id. */
        public Builder withoutName() {
            return name(null);
        }

        /** Expired ten minutes ago, beyond any clock-skew allowance. */
        public Builder expired() {
            Instant now = Instant.now();
            return new Builder(claims.issuedAt(now.minus(Duration.ofHours(1))).expiresAt(now.minus(WELL_PAST)), untrustedKey);
        }

        /** Valid from now for {@code ttl}. */
        public Builder validFor(Duration ttl) {
            Instant now = Instant.now();
            return new Builder(claims.issuedAt(now).expiresAt(now.plus(ttl)), untrustedKey);
        }

        public Builder expiresAt(Instant expiresAt) {
            return new Builder(claims.expiresAt(expiresAt), untrustedKey);
        }

        /** Not valid before ten minutes from now. */
        public Builder notYetValid() {
            return new Builder(claims.notBefore(Instant.now().plus(WELL_PAST)), untrustedKey);
        }

        /** Another {@code iss}; refused by services that configure {@code thriftstore.auth.issuer}. */
        public Builder issuer(String issuer) {
            return new Builder(claims.issuer(issuer), untrustedKey);
        }

        public Builder withoutIssuer() {
            return issuer(null);
        }

        /** Another {@code azp}; refused unless it is one of {@code thriftstore.allowed-origins}. */
        public Builder azp(String azp) {
            return new Builder(claims.azp(azp), untrustedKey);
        }

        /** No {@code azp}: allowed, as for tokens not minted for a browser. */
        public Builder withoutAzp() {
            return azp(null);
        }

        /** Any other claim, e.g. {@code claim("org_role", "admin")}. */
        public Builder claim(String name, Object value) {
            return new Builder(claims.claim(name, value), untrustedKey);
        }

        /** Signed with a key the services do not trust (a forged token). */
        public Builder signedByAnotherKey() {
            return new Builder(claims, true);
        }

        public String token() {
            return (untrustedKey ? UntrustedKeys.UNTRUSTED : Keys.TRUSTED).sign(claims);
        }

        public String bearer() {
            return "Bearer " + token();
        }
    }
}
