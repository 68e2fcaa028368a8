package io.thriftstore.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The payload of an event. Each kind knows its Kafka key (DESIGN section 6), so a
 * publisher cannot key a record by the wrong aggregate.
 */
public sealed interface EventData
        permits OrderEvent, ProductEvent, InventoryEvent, WishlistEvent, ChatMessageSent, NotificationCreated {

    /** The aggregate id this record is keyed by: orderId, productId, userId or conversationId. */
    @JsonIgnore
    String eventKey();
}
