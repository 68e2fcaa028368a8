package io.thriftstore.order.inventory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transaction;

    InventoryListener(ConsumedEvents consumedEvents, OrderService orders, TransactionTemplate transaction) {
        this.consumedEvents = consumedEvents;
        this.orders = orders;
        this.transaction = transaction;
    }

    @KafkaListener(topics = "#{@topics.name('product-events')}")
    void on(EventEnvelope<EventData> event) {
        EventType type = event.eventType().orElse(null);
        // Most of the topic is product.* (a stock change per order line): passed over without a transaction.
        if ((type != EventType.INVENTORY_RESERVED && type != EventType.INVENTORY_REJECTED)
                || !(event.data() instanceof InventoryEvent answer)) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (consumedEvents.markConsumed(CONSUMER, event.id())) {
                orders.applyInventoryAnswer(answer.orderId(), type == EventType.INVENTORY_RESERVED, answer.reason());
            }
        });
    }
}
