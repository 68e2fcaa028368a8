package io.thriftstore.consumer.order;

import io.thriftstore.consumer.notify.Notifications;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.outbox.ConsumedEvents;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * order-events: the seller's order figures, and the notifications of DESIGN section 6. order.created never gets
 * here ({@link OrderCreatedFilter}): the order.confirmed committed with it carries the same order.
 */
@Component
class OrderEventsListener {

    static final String CONSUMER = "consumer-service:orders";

    private final ConsumedEvents consumed;
    private final SellerOrders orders;
    private final Notifications notifications;

    OrderEventsListener(ConsumedEvents consumed, SellerOrders orders, Notifications notifications) {
        this.consumed = consumed;
        this.orders = orders;
        this.notifications = notifications;
    }

    @KafkaListener(topics = "#{@topics.name('order-events')}", filter = OrderCreatedFilter.BEAN)
    @Transactional
    void on(EventEnvelope<EventData> event) {
        if (!(event.data() instanceof OrderEvent order) || event.eventType().isEmpty()) {
            return;
        }
        if (!consumed.markConsumed(CONSUMER, event.id())) {
            return;
        }
        orders.record(order);
        if (event.eventType().get() == EventType.ORDER_REVIEWED && order.review() != null) {
            orders.recordReview(order);
        }
        OrderNotices.of(event.eventType().get(), order).forEach(notice -> notifications.tell(event, notice));
    }
}
