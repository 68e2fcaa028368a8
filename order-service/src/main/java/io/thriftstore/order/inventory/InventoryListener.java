package io.thriftstore.order.inventory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.thriftstore.order.order.OrderService;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.platform.outbox.ConsumedEvents;

/**
 * product-service's answers to order.created: inventory.reserved confirms a PENDING order, inventory.rejected
 * rejects it. Each event has its effect once: the consumed-event record and the order change commit together.
 * Other types on product-events (product.*, inventory.released) are not ours to act on.
 */
@Component
class InventoryListener {

    static final String CONSUMER = "order-inventory";

    private final ConsumedEvents consumedEvents;
    private final OrderService orders;

    InventoryListener(ConsumedEvents consumedEvents, OrderService orders) {
        this.consumedEvents = consumedEvents;
        this.orders = orders;
    }

    @KafkaListener(topics = "#{@topics.name('product-events')}")
    @Transactional
    void on(EventEnvelope<EventData> event) {
        EventType type = event.eventType().orElse(null);
        if (type != EventType.INVENTORY_RESERVED && type != EventType.INVENTORY_REJECTED) {
            return;
        }
        if (!(event.data() instanceof InventoryEvent answer) || !consumedEvents.markConsumed(CONSUMER, event.id())) {
            return;
        }
        orders.applyInventoryAnswer(answer.orderId(), type == EventType.INVENTORY_RESERVED, answer.reason());
    }
}
