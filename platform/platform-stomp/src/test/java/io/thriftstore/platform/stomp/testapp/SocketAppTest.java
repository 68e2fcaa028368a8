package io.thriftstore.platform.stomp.testapp;

import io.thriftstore.devtools.tokens.DevTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Starts {@link SocketApp} once per JVM on a random port (every subclass shares the context), trusting a key pair
 * made for this run. Each test uses its own user ids.
 */
@SpringBootTest(classes = SocketApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.application.name=socket-app",
    "thriftstore.auth.mode=dev",
    "thriftstore.auth.issuer=" + DevTokens.DEFAULT_ISSUER,
    "thriftstore.allowed-origins=http://localhost:3000",
    "thriftstore.stomp.expiry-grace=0s",
    "thriftstore.stomp.sweep-interval=200ms",
    "thriftstore.stomp.heartbeat=" + SocketAppTest.HEARTBEAT_MILLIS + "ms",
    // This context uses no Kafka: do not wait for a broker to declare the platform's topics.
    "spring.kafka.admin.auto-create=false",
    "spring.main.banner-mode=off"})
public abstract class SocketAppTest {

    public static final long HEARTBEAT_MILLIS = 4000;

    /** The pair the server trusts. */
    public static final DevTokens KEYS = DevTokens.generate();
    private static final Path KEY_DIR = writeKeys();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("thriftstore.auth.public-key-location", () -> KEY_DIR.resolve(DevTokens.PUBLIC_KEY_FILE).toUri().toString());
    }

    protected static String newUserId() {
        return "user_" + UUID.randomUUID().toString().replace("-", "");
    }

    protected static String bearer(String userId, String name) {
        return "Bearer " + KEYS.sign(userId, name);
    }

    private static Path writeKeys() {
        try {
            Path dir = Files.createTempDirectory("thriftstore-test-keys");
            KEYS.write(dir);
            dir.toFile().deleteOnExit();
            return dir;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
