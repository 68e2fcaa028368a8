package io.thriftstore.product.outbox;

import io.thriftstore.platform.tracing.TraceParents;
import io.thriftstore.platform.kafka.EventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.util.List;

/** The relay of pending events and the index each relayed collection needs for it. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    @Bean
    PendingEventRelay pendingEventRelay(MongoTemplate mongo, EventPublisher publisher, List<RelayedCollection> collections,
                                        RelayProperties properties, Clock clock, TraceParents traceParents) {
        for (RelayedCollection collection : collections) {
            // Sparse: only documents with events waiting carry the field, and only they are looked up.
            mongo.indexOps(collection.name()).createIndex(
                new Index().on(PendingEvents.SINCE, Sort.Direction.ASC).sparse().named("pending_since"));
        }
        return new PendingEventRelay(mongo, publisher, collections,
            new RelayLease(mongo, RelayLease.RELAY, clock, properties.leaseTtl()), properties, clock, traceParents);
    }
}
