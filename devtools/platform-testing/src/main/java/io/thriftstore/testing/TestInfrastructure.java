package io.thriftstore.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RealInfrastructure} gave one Spring test context, available as a bean:
 *
 * <pre>{@code
 * @Autowired TestInfrastructure infrastructure;
 * kafkaTemplate.send(infrastructure.topic("order-events"), key, value);   // "t3f9a1c-order-events"
 * }</pre>
 *
 * Accessors of a server the context did not get throw {@link IllegalStateException}.
 */
public final class TestInfrastructure {

    private final String id;
    private final String publicKeyLocation;
    private final Infrastructure.Kafka kafka;
    private final Infrastructure.Postgres postgres;
    private final Infrastructure.Mongo mongo;

    private TestInfrastructure(Builder builder) {
        this.id = builder.id;
        this.publicKeyLocation = builder.publicKeyLocation;
        this.kafka = builder.kafka;
        this.postgres = builder.postgres;
        this.mongo = builder.mongo;
    }

    static Builder builder(String id, String publicKeyLocation) {
        return new Builder(id, publicKeyLocation);
    }

    /** Unique per context in this JVM, e.g. {@code t3f9a1c}; also the name of its PostgreSQL and MongoDB databases. */
    public String id() {
        return id;
    }

    /** {@code thriftstore.kafka.topic-prefix} of this context, e.g. {@code t3f9a1c-}. */
    public String topicPrefix() {
        return id + "-";
    }

    /** The real name of a topic in this context: {@code topic("order-events")} is {@code t3f9a1c-order-events}. */
    public String topic(String baseName) {
        return topicPrefix() + baseName;
    }

    /** {@code thriftstore.auth.public-key-location}: the public key of {@link TestTokens}. */
    public String publicKeyLocation() {
        return publicKeyLocation;
    }

    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** The shared broker, e.g. to {@link Infrastructure.Kafka#stop() stop} it for an outage. */
    public Infrastructure.Kafka kafka() {
        return require(kafka, "Kafka", "kafka");
    }

    /** {@code spring.datasource.url}: this context's own database. */
    public String jdbcUrl() {
        return postgres().jdbcUrl(id);
    }

    public String postgresDatabase() {
        require(postgres, "PostgreSQL", "postgres");
        return id;
    }

    public Infrastructure.Postgres postgres() {
        return require(postgres, "PostgreSQL", "postgres");
    }

    /** {@code spring.mongodb.uri}: the server with this context's own database. */
    public String mongoConnectionString() {
        return mongo().connectionString(id);
    }

    public String mongoDatabase() {
        require(mongo, "MongoDB", "mongo");
        return id;
    }

    public Infrastructure.Mongo mongo() {
        return require(mongo, "MongoDB", "mongo");
    }

    /**
     * The command-line arguments of a second instance of the service under test, on a random port and on this
     * context's servers (its stores, broker and topic prefix), trusting {@link TestTokens} in dev auth mode as the
     * context does; {@code overrides} come last, so they win. One place for them: a second instance that missed
     * one (the auth mode, say) would refuse every test token.
     *
     * <pre>{@code
     * new SpringApplicationBuilder(MyApplication.class).run(infrastructure.secondInstanceArguments("--my.setting=2"));
     * }</pre>
     */
    public String[] secondInstanceArguments(String... overrides) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--thriftstore.auth.mode=dev",
            "--thriftstore.auth.public-key-location=" + publicKeyLocation, "--thriftstore.kafka.topic-prefix=" + topicPrefix()));
        if (kafka != null) {
            arguments.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
            arguments.add("--logging.level.org.apache.kafka=WARN");
            arguments.add("--logging.level.org.apache.kafka.clients.NetworkClient=ERROR");
        }
        if (postgres != null) {
            arguments.add("--spring.datasource.url=" + jdbcUrl());
        }
        if (mongo != null) {
            arguments.add("--spring.mongodb.uri=" + mongoConnectionString());
            arguments.add("--spring.mongodb.database=" + mongoDatabase());
        }
        arguments.addAll(List.of(overrides));
        return arguments.toArray(String[]::new);
    }

    private <T> T require(T server, String name, String attribute) {
        if (server == null) {
            throw new IllegalStateException("this test context has no " + name + ": @RealInfrastructure(" + attribute
                    + " = false), or Spring Boot's support for it is not on the classpath");
        }
        return server;
    }

    @Override
    public String toString() {
        return "TestInfrastructure[id=" + id + (kafka != null ? ", kafka=" + kafka.bootstrapServers() : "")
                + (postgres != null ? ", postgres=" + jdbcUrl() : "") + (mongo != null ? ", mongo=" + mongoConnectionString() : "") + "]";
    }

    static final class Builder {

        private final String id;
        private final String publicKeyLocation;
        private Infrastructure.Kafka kafka;
        private Infrastructure.Postgres postgres;
        private Infrastructure.Mongo mongo;

        private Builder(String id, String publicKeyLocation) {
            this.id = id;
            this.publicKeyLocation = publicKeyLocation;
        }

        String topicPrefix() {
            return id + "-";
        }

        Builder kafka(Infrastructure.Kafka kafka) {
            this.kafka = kafka;
            return this;
        }

        Builder postgres(Infrastructure.Postgres postgres) {
            this.postgres = postgres;
            return this;
        }

        Builder mongo(Infrastructure.Mongo mongo) {
            this.mongo = mongo;
            return this;
        }

        TestInfrastructure build() {
            return new TestInfrastructure(this);
        }
    }
}
