package io.thriftstore.product.catalog;

import io.thriftstore.platform.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * This instance's own consumer group for {@link CatalogCacheInvalidation}: every instance must see every change.
 * A fresh id per start (topic prefix applied), so groups of stopped instances are simply abandoned and Kafka
 * expires their offsets. Public: the listener annotation reads it through SpEL.
 */
@Component("catalogCacheGroup")
public class CatalogCacheGroup {

    private final String id;

    CatalogCacheGroup(Topics topics, @Value("${spring.application.name}") String applicationName) {
        this.id = topics.name(applicationName + "-catalog-cache-" + UUID.randomUUID());
    }

    public String id() {
        return id;
    }
}
