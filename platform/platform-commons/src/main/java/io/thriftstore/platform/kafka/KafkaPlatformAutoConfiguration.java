package io.thriftstore.platform.kafka;

import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.Topics;

/**
 * The Kafka policy every service gets: topic names, topic declarations, the publisher and the
 * error handling of Boot's listener container factory. Client settings that Boot binds from
 * properties (serialisers, acks, idempotence, offsets, ack mode, observation) are shared defaults
 * in {@code thriftstore-defaults.properties}; what properties cannot express lives here.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(KafkaPlatformProperties.class)
public final class KafkaPlatformAutoConfiguration {

    static final String DEFAULT_SOURCE = "thriftstore";

    @Bean
    @ConditionalOnMissingBean
    Topics topics(KafkaPlatformProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings("unchecked")
    EventPublisher eventPublisher(KafkaTemplate<?, ?> kafkaTemplate, Topics topics, Environment environment) {
        // Boot's template is declared KafkaTemplate<?, ?>; its value serializer is EventEnvelopeSerializer.
        return new EventPublisher((KafkaTemplate<String, EventEnvelope<?>>) kafkaTemplate, topics,
                environment.getProperty("spring.application.name", DEFAULT_SOURCE));
    }

    /** Every topic of the platform and its DLT, with the same partition count (Boot's KafkaAdmin creates them). */
    @Bean
    KafkaAdmin.NewTopics thriftstoreTopics(KafkaPlatformProperties properties, Topics topics) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(topics::name)
                .flatMap(name -> Stream.of(name, Topics.deadLetterTopicOf(name)))
                .map(name -> TopicBuilder.name(name)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(ProducerFactory<?, ?> producerFactory, KafkaProperties kafkaProperties,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry) {
        return DeadLetterPublisher.create(producerFactory,
                meterRegistry.getIfUnique(() -> Metrics.globalRegistry),
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
                kafkaProperties.getTemplate().isObservationEnabled());
    }

    @Bean
    ListenerBackOffPauses kafkaListenerBackOffPauses() {
        return ListenerBackOffPauses.create();
    }

    /**
     * Picked up by Boot's {@code kafkaListenerContainerFactory}: blocking retries, then the DLT. How long a
     * record is retried depends on why it failed ({@link ListenerRetryPolicy}): for minutes while a store or
     * service is unavailable, not at all when the record itself is bad, a few times otherwise. Back-offs
     * pause the container rather than sleep on its consumer thread ({@link ListenerBackOffPauses}).
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublisher deadLetterPublisher, KafkaPlatformProperties properties,
            ListenerBackOffPauses pauses) {
        ListenerRetryPolicy policy = new ListenerRetryPolicy(properties.retry());
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(deadLetterPublisher, policy.defaultBackOff(), pauses);
        errorHandler.setBackOffFunction((record, exception) -> policy.backOffFor(exception));
        // A record whose failure changes kind (the database is back, now the record is found invalid) starts
        // over with the back-off of its new kind; that is Spring Kafka's default, stated because we rely on it.
        errorHandler.setResetStateOnExceptionChange(true);
        return errorHandler;
    }
}
