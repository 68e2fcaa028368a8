package io.thriftstore.product.inventory;

import io.thriftstore.platform.auth.PublicEndpoints;
import io.thriftstore.platform.outbox.OutboxCollection;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HoldProperties.class)
class InventoryConfiguration {

    /** Answers to orders wait in their reservation until relayed. */
    @Bean
    OutboxCollection reservationEvents() {
        return new OutboxCollection(Reservations.COLLECTION);
    }

    /**
     * No bearer token needed: the hold endpoint checks the service key itself ({@link HoldController}), and a
     * shopper's token must not be enough.
     */
    @Bean
    PublicEndpoints holdEndpoint() {
        return PublicEndpoints.of(HttpMethod.PUT, "/api/holds/*");
    }

    /** The expiry job looks for holds by {@code expiresAt}; confirmed ones no longer have it (sparse). */
    @Bean
    InitializingBean holdExpiryIndex(MongoTemplate mongo) {
        return () -> mongo.indexOps(Reservations.COLLECTION)
            .createIndex(new Index().on(Reservations.EXPIRES_AT, Sort.Direction.ASC).sparse().named("expires_at"));
    }
}
