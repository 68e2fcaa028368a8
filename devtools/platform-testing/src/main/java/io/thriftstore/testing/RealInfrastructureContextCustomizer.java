package io.thriftstore.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points one new application context at the shared servers, with its own databases and topic prefix.
 * Equal for equal {@link Servers}, so that Spring's context cache reuses a context across test classes
 * exactly as it would without this customizer.
 */
final class RealInfrastructureContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "realInfrastructure";
    static final String BEAN_NAME = "thriftstoreTestInfrastructure";

    private static final Set<String> usedIds = new HashSet<>();

    private final Servers servers;

    RealInfrastructureContextCustomizer(Servers servers) {
        this.servers = servers;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Infrastructure.startTogether(servers.postgres(), servers.kafka(), servers.mongo());
        String id = newId();
        Map<String, Object> properties = new LinkedHashMap<>();
        TestInfrastructure.Builder infrastructure = TestInfrastructure.builder(id, TestTokens.publicKeyLocation());
        properties.put("thriftstore.kafka.topic-prefix", infrastructure.topicPrefix());
        properties.put("thriftstore.auth.mode", "dev");
        properties.put("thriftstore.auth.public-key-location", TestTokens.publicKeyLocation());
        if (servers.kafka()) {
            Infrastructure.Kafka kafka = Infrastructure.kafka();
            // A test that simulated an outage and failed before ending it must not break the next context.
            kafka.start();
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            infrastructure.kafka(kafka);
        }
        if (servers.postgres()) {
            Infrastructure.Postgres postgres = Infrastructure.postgres();
            postgres.createDatabase(id);
            properties.put("spring.datasource.url", postgres.jdbcUrl(id));
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            infrastructure.postgres(postgres);
        }
        if (servers.mongo()) {
            Infrastructure.Mongo mongo = Infrastructure.mongo();
            properties.put("spring.mongodb.uri", mongo.connectionString(id));
            properties.put("spring.mongodb.database", id);
            infrastructure.mongo(mongo);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.getBeanFactory().registerSingleton(BEAN_NAME, infrastructure.build());
    }

    /**
     * A short id, unique in this JVM, valid as a database name and a topic prefix: "t" and 6 hex digits.
     * Short because it ends up in every topic and group name that a developer reads in a log.
     */
    private static String newId() {
        synchronized (usedIds) {
            while (true) {
                String id = "t" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
                if (usedIds.add(id)) {
                    return id;
                }
            }
        }
    }

    Servers servers() {
        return servers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RealInfrastructureContextCustomizer that && servers.equals(that.servers);
    }

    @Override
    public int hashCode() {
        return servers.hashCode();
    }

    @Override
    public String toString() {
        return "RealInfrastructure" + servers;
    }

    /** Which servers a context gets, after the annotation met the classpath. */
    record Servers(boolean postgres, boolean kafka, boolean mongo) {
    }
}
