package io.thriftstore.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The one relay and its meters, over whichever {@link OutboxStore} the service has: {@link OutboxTable}
 * (PostgreSQL, {@link OutboxAutoConfiguration}) or {@link MongoOutboxStore} ({@link MongoOutboxAutoConfiguration}).
 */
@AutoConfiguration(after = {OutboxAutoConfiguration.class, MongoOutboxAutoConfiguration.class,
        KafkaAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class})
@ConditionalOnSingleCandidate(OutboxStore.class)
@EnableConfigurationProperties(OutboxProperties.class)
public final class OutboxRelayAutoConfiguration {

    @Bean
    OutboxMetrics outboxMetrics(OutboxStore store, ObjectProvider<MeterRegistry> registry) {
        return new OutboxMetrics(store, registry.getIfUnique(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "thriftstore.outbox.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxStore store, OutboxMetrics outboxMetrics, OutboxProperties properties,
            KafkaProperties kafkaProperties, ObjectProvider<KafkaConnectionDetails> connectionDetails,
            Environment environment) {
        return new OutboxRelay(store, OutboxAutoConfiguration.relayProducers(kafkaProperties,
                connectionDetails.getIfAvailable(), properties, OutboxAutoConfiguration.applicationName(environment)),
                properties, outboxMetrics);
    }
}
