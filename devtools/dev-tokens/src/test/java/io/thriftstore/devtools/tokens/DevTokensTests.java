package io.thriftstore.devtools.tokens;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DevTokensTests {

    @TempDir
    Path dir;

    @Test
    void keysAreWrittenAsStandardPemFilesAndReadBack() throws Exception {
        DevTokens keys = DevTokens.loadOrCreate(dir);

        assertThat(Files.readString(dir.resolve("private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(keys.publicKey().getModulus().bitLength()).isEqualTo(2048);

        DevTokens again = DevTokens.loadOrCreate(dir);
        assertThat(again.publicKey()).isEqualTo(keys.publicKey());
        assertThat(again.privateKey()).isEqualTo(keys.privateKey());
    }

    @Test
    void onlyTheOwnerMayReadThePrivateKey() throws Exception {
        DevTokens.loadOrCreate(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem")))).isEqualTo("rw-------");
    }

    @Test
    void aLostPublicKeyIsDerivedFromThePrivateOne() throws Exception {
        DevTokens keys = DevTokens.loadOrCreate(dir);
        Files.delete(dir.resolve("public.pem"));

        assertThat(DevTokens.loadOrCreate(dir).publicKey()).isEqualTo(keys.publicKey());
        assertThat(DevTokens.readPublicKey(dir.resolve("public.pem"))).isEqualTo(keys.publicKey());
    }

    @Test
    void aTokenIsClerkShapedAndVerifiesWithThePublicKey() throws Exception {
        DevTokens keys = DevTokens.generate();

        SignedJWT jwt = SignedJWT.parse(keys.sign("user_ada", "Ada Lovelace"));

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.verify(new RSASSAVerifier(keys.publicKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("user_ada");
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada Lovelace");
        assertThat(claims.getIssuer()).isEqualTo("thriftstore-dev");
        assertThat(claims.getStringClaim("azp")).isEqualTo("http://localhost:3000");
        assertThat(claims.getStringClaim("sid")).startsWith("sess_");
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(claims.getExpirationTime().toInstant())
            .isCloseTo(claims.getIssueTime().toInstant().plus(Duration.ofHours(1)), within(Duration.ofSeconds(1)));
    }

    @Test
    void claimsCanBeShapedForTests() throws Exception {
        Instant expiry = Instant.now().minus(Duration.ofMinutes(5));
        DevTokens.Claims claims = DevTokens.Claims.of("user_bob")
            .expiresAt(expiry).issuer("https://clerk.example").azp(null).claim("org_id", "org_1");

        JWTClaimsSet sent = SignedJWT.parse(DevTokens.generate().sign(claims)).getJWTClaimsSet();

        assertThat(sent.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(expiry.getEpochSecond());
        assertThat(sent.getIssuer()).isEqualTo("https://clerk.example");
        assertThat(sent.getClaims()).doesNotContainKeys("azp", "name").containsEntry("org_id", "org_1");
    }
}
