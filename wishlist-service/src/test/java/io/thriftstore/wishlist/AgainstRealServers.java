package io.thriftstore.wishlist;

import io.thriftstore.testing.Api;

import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * The one Spring context of this module's integration tests: the service on a random port against the
 * real PostgreSQL and Kafka servers and the {@link CatalogStub}, with a recorder of everything it
 * publishes. Every test class extends this and declares no configuration of its own, so the context
 * (and its servers) start once per test JVM; tests keep apart by using their own users and products.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // The tests write much faster than a person; the limit itself is platform-commons' to test.
    "thriftstore.rate-limit.writes-per-minute=100000",
    // An outage of a few seconds is then long enough for the relay to give up on a round and retry later.
    "thriftstore.outbox.send-timeout=2s",
    "thriftstore.outbox.backoff.max=2s",
    "thriftstore.catalog.read-timeout=2s", // 1 s was shorter than a cold first call on a loaded build machine
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
@Import(PublishedEvents.class)
public abstract class AgainstRealServers {

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        registry.add("thriftstore.catalog.url", CatalogStub.INSTANCE::url);
    }

    protected final CatalogStub catalog = CatalogStub.INSTANCE;

    @LocalServerPort
    protected int port;

    @Autowired
    protected PublishedEvents published;

    @Autowired
    protected TestInfrastructure infrastructure;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterEach
    void endAnyOutage() {
        catalog.start();
    }

    /** A user of its own for each test. */
    protected static TestUser newUser(String name) {
        return new TestUser("user_" + UUID.randomUUID().toString().replace("-", ""), name);
    }
}
