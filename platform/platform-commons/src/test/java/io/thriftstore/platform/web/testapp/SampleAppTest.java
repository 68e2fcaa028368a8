package io.thriftstore.platform.web.testapp;

import io.thriftstore.devtools.tokens.DevTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Starts {@link SampleApp} once per JVM on a random port (every subclass shares the context), trusting
 * a key pair made for this run. Each test uses its own user ids, so rate limits never leak between tests.
 */
@SpringBootTest(classes = SampleApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "thriftstore.auth.mode=dev",
    "thriftstore.auth.issuer=" + DevTokens.DEFAULT_ISSUER,
    "thriftstore.allowed-origins=http://localhost:3000, https://shop.example",
    "thriftstore.rate-limit.writes-per-minute=" + SampleAppTest.WRITES_PER_MINUTE,
    "thriftstore.web.max-body-size=" + SampleAppTest.MAX_BODY_BYTES + "B",
    "thriftstore.web.max-in-flight=" + SampleAppTest.MAX_IN_FLIGHT,
    "thriftstore.web.in-flight-wait=" + SampleAppTest.IN_FLIGHT_WAIT_MS + "ms",
    // This context uses no Kafka: do not wait for a broker to declare the platform's topics.
    "spring.kafka.admin.auto-create=false",
    "spring.main.banner-mode=off"})
@AutoConfigureMockMvc
public abstract class SampleAppTest {

    public static final int WRITES_PER_MINUTE = 5;
    public static final int MAX_BODY_BYTES = 2048;
    /** Small enough for a test to fill, large enough for every other test's requests (they come one at a time). */
    public static final int MAX_IN_FLIGHT = 4;
    public static final int IN_FLIGHT_WAIT_MS = 2000;

    /** The pair the server trusts. */
    public static final DevTokens KEYS = DevTokens.generate();
    private static final Path KEY_DIR = writeKeys();

    @Autowired
    protected MockMvc mvc;

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

    protected static String bearer(DevTokens.Claims claims) {
        return "Bearer " + KEYS.sign(claims);
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
