package io.thriftstore.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.thriftstore.platform.events.EventType;

/** The table itself: what the platform may do, and the event each status publishes. */
class OrderStatusTests {

    @Test
    void onlyTheSystemConfirmsOrRejectsAndOnlyPendingOrders() {
        for (OrderStatus from : OrderStatus.values()) {
            assertThat(from.canMoveTo(OrderStatus.CONFIRMED, Role.SYSTEM)).isEqualTo(from == OrderStatus.PENDING);
            assertThat(from.canMoveTo(OrderStatus.REJECTED, Role.SYSTEM)).isEqualTo(from == OrderStatus.PENDING);
            assertThat(from.canMoveTo(OrderStatus.CONFIRMED, Role.BUYER)).isFalse();
            assertThat(from.canMoveTo(OrderStatus.REJECTED, Role.SELLER)).isFalse();
        }
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.CANCELLED, Role.SYSTEM)).isFalse();
    }

    @Test
    void eachStatusPublishesItsEvent() {
        assertThat(OrderStatus.PENDING.event()).isEqualTo(EventType.ORDER_CREATED);
        assertThat(OrderStatus.CONFIRMED.event()).isEqualTo(EventType.ORDER_CONFIRMED);
        assertThat(OrderStatus.REJECTED.event()).isEqualTo(EventType.ORDER_REJECTED);
        assertThat(OrderStatus.CANCELLED.event()).isEqualTo(EventType.ORDER_CANCELLED);
        assertThat(OrderStatus.SHIPPED.event()).isEqualTo(EventType.ORDER_SHIPPED);
        assertThat(OrderStatus.DELIVERED.event()).isEqualTo(EventType.ORDER_DELIVERED);
    }
}
