package io.thriftstore.product.inventory;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.OrderEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * order-events, keyed by order id: all events of one order arrive in order, on one consumer. Failures
 * are retried and then dead-lettered by the platform's Kafka error policy; every step of
 * {@link StockReservations} is idempotent, so a retry is always safe.
 */
@Component
class OrderEventsListener {

    private final StockReservations reservations;

    OrderEventsListener(StockReservations reservations) {
        this.reservations = reservations;
    }

    @KafkaListener(topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).ORDER_EVENTS)}")
    void on(EventEnvelope<EventData> envelope) {
        if (!(envelope.data() instanceof OrderEvent order) || envelope.eventType().isEmpty()) {
            return;
        }
        switch (envelope.eventType().get()) {
            case ORDER_CREATED -> reservations.orderPlaced(order);
            case ORDER_CANCELLED, ORDER_REJECTED -> reservations.orderEnded(order);
            case ORDER_DELIVERED -> reservations.orderDelivered(order);
            default -> {
                // shipped: the stock stays held. confirmed: order-service commits order.created and order.confirmed in
                // one transaction, and created comes first on the order's partition, so created settled the hold.
            }
        }
    }
}
