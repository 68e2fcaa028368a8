package io.thriftstore.platform.outbox;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.KafkaPlatformAutoConfiguration;
import io.thriftstore.platform.tracing.TraceParents;
import io.thriftstore.platform.tracing.TraceParentsAutoConfiguration;

/**
 * The outbox of a MongoDB service: {@link MongoOutbox} to store events inside the changed documents, and
 * {@link MongoOutboxStore}, which {@link OutboxRelayAutoConfiguration} relays to Kafka, over the
 * {@link OutboxCollection} beans. Only where Spring Data MongoDB is (an optional dependency of this module)
 * and the service has no PostgreSQL outbox: a service keeps its events in one store.
 */
@AutoConfiguration(after = {DataMongoAutoConfiguration.class, OutboxAutoConfiguration.class,
        KafkaPlatformAutoConfiguration.class, TraceParentsAutoConfiguration.class})
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnSingleCandidate(MongoTemplate.class)
@ConditionalOnMissingBean(OutboxStore.class)
@EnableConfigurationProperties(OutboxProperties.class)
public final class MongoOutboxAutoConfiguration {

    @Bean
    MongoOutboxStore mongoOutboxStore(MongoTemplate mongo, ObjectProvider<OutboxCollection> collections,
            OutboxProperties properties, Topics topics, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        MongoOutboxStore store = new MongoOutboxStore(mongo, collections.orderedStream().toList(),
                new MongoLease(mongo, MongoLease.RELAY, time, properties.leaseTtl()), topics, time);
        store.createIndexes();
        return store;
    }

    @Bean
    @ConditionalOnMissingBean
    MongoOutbox mongoOutbox(MongoOutboxStore store, ObjectProvider<OutboxRelay> relay, TraceParents traceParents) {
        // Looked up per write: without a relay on this instance (relay.enabled=false) there is nobody to wake
        // and nothing to remember.
        return new MongoOutbox(store, () -> relay.getIfAvailable(), traceParents);
    }
}
