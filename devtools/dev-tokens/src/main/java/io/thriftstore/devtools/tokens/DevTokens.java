package io.thriftstore.devtools.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Dev-mode identity: an RSA key pair kept as PEM files and Clerk-shaped RS256 tokens signed with it.
 * <p>
 * Plain Java on purpose (no Spring): the launcher's {@code token} command must answer in about two
 * seconds, platform-testing's {@code TestTokens} wraps it, and the load harness signs with it in Gatling's JVM.
 * Dev-time only: no service depends on this module outside test scope (the {@code no-dev-time-code} enforcer
 * rule); the services know only the issuer, {@code AuthProperties.DEV_ISSUER}, which must equal
 * {@link #DEFAULT_ISSUER}.
 *
 * <pre>{@code
 * DevTokens keys = DevTokens.loadOrCreate(Path.of(".data/dev-keys"));
 * String bearer = keys.sign("user_alice", "Alice");                      // valid for an hour
 * String old = keys.sign(DevTokens.Claims.of("user_bob").expiresAt(Instant.now().minusSeconds(600)));
 * }</pre>
 */
public final class DevTokens {

    public static final String DEFAULT_ISSUER = "thriftstore-dev";
    public static final String DEFAULT_AZP = "http://localhost:3000";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final String PRIVATE_KEY_FILE = "private.pem";
    public static final String PUBLIC_KEY_FILE = "public.pem";

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private DevTokens(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /** A fresh RSA-2048 key pair, in memory only. */
    public static DevTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevTokens((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JDK", e);
        }
    }

    /** Reads {@code private.pem} (PKCS#8) and {@code public.pem} (X.509) from {@code dir}. */
    public static DevTokens read(Path dir) {
        return new DevTokens(readPrivateKey(dir.resolve(PRIVATE_KEY_FILE)), readPublicKey(dir.resolve(PUBLIC_KEY_FILE)));
    }

    /**
     * Reads the pair from {@code dir}, or generates and writes one when {@code private.pem} is missing.
     * When only the public key is missing it is derived from the private key and written.
     */
    public static DevTokens loadOrCreate(Path dir) {
        Path privatePem = dir.resolve(PRIVATE_KEY_FILE);
        Path publicPem = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privatePem)) {
            DevTokens created = generate();
            created.write(dir);
            return created;
        }
        RSAPrivateKey privateKey = readPrivateKey(privatePem);
        if (!Files.exists(publicPem)) {
            DevTokens derived = new DevTokens(privateKey, derivePublicKey(privateKey));
            writeString(publicPem, derived.publicKeyPem());
            return derived;
        }
        return new DevTokens(privateKey, readPublicKey(publicPem));
    }

    /** Writes {@code private.pem} (owner-only where the file system allows) and {@code public.pem} into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privatePem = dir.resolve(PRIVATE_KEY_FILE);
            writeString(privatePem, privateKeyPem());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
            }
            writeString(dir.resolve(PUBLIC_KEY_FILE), publicKeyPem());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write dev keys to " + dir, e);
        }
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
    public String privateKeyPem() {
        return pem(PRIVATE_LABEL, privateKey.getEncoded());
    }

    /** {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo), what services are given to trust. */
    public String publicKeyPem() {
        return pem(PUBLIC_LABEL, publicKey.getEncoded());
    }

    /** A token for {@code userId} with a display name, valid for an hour. */
    public String sign(String userId, String name) {
        return sign(Claims.of(userId).name(name));
    }

    /** Signs the claims as a compact RS256 JWS. */
    public String sign(Claims claims) {
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder();
        claims.extra().forEach(body::claim);
        body.subject(claims.subject())
            .issueTime(Date.from(claims.issuedAt()))
            .notBeforeTime(Date.from(claims.notBefore()))
            .expirationTime(Date.from(claims.expiresAt()))
            .claim("sid", claims.sessionId());
        if (claims.name() != null) {
            body.claim("name", claims.name());
        }
        if (claims.issuer() != null) {
            body.issuer(claims.issuer());
        }
        if (claims.azp() != null) {
            body.claim("azp", claims.azp());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), body.build());
        try {
            jwt.sign(new RSASSASigner(privateKey));
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a dev token", e);
        }
        return jwt.serialize();
    }

    public static RSAPrivateKey readPrivateKey(Path pem) {
        try {
            byte[] der = der(Files.readString(pem), PRIVATE_LABEL, pem);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pem, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an RSA PKCS#8 private key", e);
        }
    }

    public static RSAPublicKey readPublicKey(Path pem) {
        try {
            byte[] der = der(Files.readString(pem), PUBLIC_LABEL, pem);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pem, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an RSA X.509 public key", e);
        }
    }

    private static RSAPublicKey derivePublicKey(RSAPrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The private key carries no public exponent; write public.pem beside it");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key", e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pem, String label, Path source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(source + " has no '" + begin + "' block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * What goes into a token. {@link #of(String)} gives the dev defaults (issued now, valid for an hour,
     * issuer {@value #DEFAULT_ISSUER}, azp {@value #DEFAULT_AZP}, a random {@code sid}); the withers
     * change one thing each. A {@code null} name, issuer or azp leaves that claim out.
     */
    public record Claims(String subject, String name, Instant issuedAt, Instant notBefore, Instant expiresAt,
                         String issuer, String azp, String sessionId, Map<String, Object> extra) {

        public Claims {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(sessionId, "sessionId");
            extra = Map.copyOf(extra);
        }

        public static Claims of(String subject) {
            Instant now = Instant.now();
            return new Claims(subject, null, now, now, now.plus(DEFAULT_TTL), DEFAULT_ISSUER, DEFAULT_AZP,
                "sess_" + UUID.randomUUID().toString().replace("-", ""), Map.of());
        }

        public Claims name(String name) {
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, extra);
        }

        /** Valid from {@code issuedAt} for {@code ttl}. */
        public Claims ttl(Duration ttl) {
            return expiresAt(issuedAt.plus(ttl));
        }

        public Claims expiresAt(Instant expiresAt) {
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, extra);
        }

        /** Moves iat and nbf (exp keeps its value). */
        public Claims issuedAt(Instant issuedAt) {
            return new Claims(subject, name, issuedAt, issuedAt, expiresAt, issuer, azp, sessionId, extra);
        }

        public Claims notBefore(Instant notBefore) {
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, extra);
        }

        public Claims issuer(String issuer) {
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, extra);
        }

        public Claims azp(String azp) {
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, extra);
        }

        public Claims sessionId(String sessionId) {
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, extra);
        }

        /** Any other claim; the standard ones above win over an extra of the same name. */
        public Claims claim(String claimName, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(extra);
            more.put(claimName, value);
            return new Claims(subject, name, issuedAt, notBefore, expiresAt, issuer, azp, sessionId, more);
        }
    }
}
