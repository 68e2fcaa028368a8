package io.thriftstore.product.inventory;

import io.thriftstore.product.outbox.RelayedCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    /** Answers to orders wait in their reservation until relayed. */
    @Bean
    RelayedCollection reservationEvents() {
        return new RelayedCollection(Reservations.COLLECTION);
    }
}
