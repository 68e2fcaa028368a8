package io.thriftstore.platform.outbox;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.KafkaPlatformAutoConfiguration;
import io.thriftstore.platform.tracing.TraceParents;
import io.thriftstore.platform.tracing.TraceParentsAutoConfiguration;

/**
 * The outbox of a PostgreSQL service: {@link Outbox} and {@link ConsumedEvents} for its
 * transactions, and {@link OutboxTable}, the store that {@link OutboxRelayAutoConfiguration}
 * relays to Kafka. Its tables come with the module's Flyway migration
 * ({@code db/migration/platform-outbox}). A MongoDB service gets {@link MongoOutboxAutoConfiguration}
 * instead.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
        KafkaAutoConfiguration.class, KafkaPlatformAutoConfiguration.class, TraceParentsAutoConfiguration.class})
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public final class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(DataSource dataSource, Topics topics, Environment environment, ObjectProvider<OutboxRelay> relay,
            TraceParents traceParents) {
        // Looked up at commit time: without a relay on this instance (relay.enabled=false) there is nobody to wake.
        return new Outbox(dataSource, topics, applicationName(environment), () -> relay.ifAvailable(OutboxRelay::wake),
                traceParents);
    }

    @Bean
    @ConditionalOnMissingBean
    ConsumedEvents consumedEvents(DataSource dataSource) {
        return new ConsumedEvents(dataSource);
    }

    /** The store the relay ({@link OutboxRelayAutoConfiguration}) publishes. */
    @Bean
    OutboxTable outboxTable(DataSource dataSource) {
        // Its own transaction manager: the relay's rounds are plain JDBC whatever the service
        // uses for its own work (JPA or JDBC).
        return new OutboxTable(new JdbcTemplate(dataSource), new JdbcTransactionManager(dataSource));
    }

    /**
     * The relay's own producer, not the platform's {@code EventPublisher}: that one serialises an
     * envelope object, while the relay must send the bytes that were committed with the business
     * change, unchanged. Boot's Kafka settings apply (address, security, client properties); the
     * delivery guarantees and timeouts are the relay's.
     */
    static ProducerFactory<String, byte[]> relayProducers(KafkaProperties kafkaProperties,
            KafkaConnectionDetails connectionDetails, OutboxProperties properties, String applicationName) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        // Bytes in, bytes out: the serializers are the ones given to the factory below.
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        if (connectionDetails != null) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    connectionDetails.getProducer().getBootstrapServers());
            if (connectionDetails.getProducer().getSecurityProtocol() != null) {
                config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                        connectionDetails.getProducer().getSecurityProtocol());
            }
        }
        // An event acknowledged by Kafka must survive a broker failover, and the producer's own
        // retries must neither duplicate nor reorder it.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The relay waits for each wave's acknowledgements: batching by lingering only adds latency.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long timeout = properties.sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        // spring-kafka numbers each producer it creates after this prefix.
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox-relay");
        DefaultKafkaProducerFactory<String, byte[]> factory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        factory.setPhysicalCloseTimeout((int) Math.max(1, properties.sendTimeout().toSeconds()));
        return factory;
    }

    static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "thriftstore");
    }
}
