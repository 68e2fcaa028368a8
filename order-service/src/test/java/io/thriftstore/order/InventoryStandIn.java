package io.thriftstore.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.kafka.EventPublisher;

/**
 * Plays product-service's part on the real broker: answers order.created with inventory.reserved (the
 * whole order in stock: the stock is taken) or inventory.rejected OUT_OF_STOCK, once per order. It only
 * answers orders whose products all have stock defined here; other orders stay PENDING.
 */
@TestComponent
class InventoryStandIn {

    private final Map<String, Integer> stock = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final List<EventEnvelope<InventoryEvent>> sent = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher;

    InventoryStandIn(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void stock(String productId, int quantity) {
        stock.put(productId, quantity);
    }

    @KafkaListener(topics = "#{@topics.name('order-events')}", groupId = "#{@topics.name('inventory-stand-in')}")
    synchronized void on(EventEnvelope<EventData> event) throws Exception {
        if (!EventType.ORDER_CREATED.type().equals(event.type()) || !(event.data() instanceof OrderEvent order)
            || !order.items().stream().allMatch(item -> stock.containsKey(item.productId()))
            || !answered.add(order.id())) {
            return;
        }
        boolean enough = order.items().stream().allMatch(item -> stock.get(item.productId()) >= item.quantity());
        List<InventoryEvent.Item> items = new ArrayList<>();
        for (OrderEvent.Item item : order.items()) {
            Integer remaining = enough ? stock.merge(item.productId(), -item.quantity(), Integer::sum) : null;
            items.add(new InventoryEvent.Item(item.productId(), item.quantity(), remaining));
        }
        EventEnvelope<InventoryEvent> answer = enough
            ? EventEnvelope.of(EventType.INVENTORY_RESERVED, "product-service", new InventoryEvent(order.id(), items, null))
            : EventEnvelope.of(EventType.INVENTORY_REJECTED, "product-service", new InventoryEvent(order.id(), items, "OUT_OF_STOCK"));
        publisher.publish(answer).get();
        sent.add(answer);
    }

    /** The answer sent for an order, once there is one. */
    EventEnvelope<InventoryEvent> answerFor(String orderId) {
        return sent.stream().filter(e -> e.data().orderId().equals(orderId)).findFirst().orElse(null);
    }

    /** Publishes an event again, as a redelivery would. */
    void publish(EventEnvelope<?> event) throws Exception {
        publisher.publish(event).get();
    }
}
