package io.thriftstore.product.catalog;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Drops this instance's {@link CatalogCache} whenever any instance changes a product: every change (the owner's,
 * a stock hold's, the image sweep's) is announced on product-events, and this instance reads all of them in its
 * own consumer group, from the latest record on (what happened before it started is not in its cache).
 * If Kafka is unreachable, nothing drops the cache but its TTL, which is what bounds staleness then.
 */
@Component
class CatalogCacheInvalidation {

    private final CatalogCache cache;

    CatalogCacheInvalidation(CatalogCache cache) {
        this.cache = cache;
    }

    /**
     * One consumer: the records are only a signal, and any of them drops the whole cache. Read as bytes, never
     * decoded: a record no one can decode still means something changed, and it is dead-lettered once by the
     * services that consume the events, not once per instance here.
     */
    @KafkaListener(id = "catalog-cache", topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).PRODUCT_EVENTS)}",
        groupId = "#{@catalogCacheGroup.id()}", concurrency = "1", properties = {"auto.offset.reset=latest",
            "spring.deserializer.value.delegate.class=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    void on(ConsumerRecord<String, byte[]> record) {
        cache.productsChanged();
    }
}
