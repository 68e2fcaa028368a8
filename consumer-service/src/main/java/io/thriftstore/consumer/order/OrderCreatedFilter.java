package io.thriftstore.consumer.order;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Drops order.created before {@link OrderEventsListener} opens its transaction. Orders are bought in one step
 * (DESIGN section 6, flow 1): every order.created is committed together with an order.confirmed that follows it on
 * the order's partition and carries the same order at a newer version, so the PENDING state lasts no time and no
 * one is told about it ({@link OrderNotices}). Recording it would cost a transaction per order for a row the next
 * record overwrites. Records that could not be read (null value) pass, so the error handler still dead-letters them.
 */
@Component(OrderCreatedFilter.BEAN)
class OrderCreatedFilter implements RecordFilterStrategy<String, EventEnvelope<EventData>> {

    static final String BEAN = "orderCreatedFilter";

    @Override
    public boolean filter(ConsumerRecord<String, EventEnvelope<EventData>> record) {
        return record.value() != null && EventType.ORDER_CREATED.type().equals(record.value().type());
    }
}
