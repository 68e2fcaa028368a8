package io.thriftstore.consumer.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.thriftstore.consumer.notify.Notice;
import io.thriftstore.consumer.notify.NotificationType;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The cases of the table that real producers rarely make: a cancellation by neither party, missing names. */
class OrderNoticesTests {

    @Test
    void aCancellationByNeitherPartyTellsBoth() {
        List<Notice> notices = OrderNotices.of(EventType.ORDER_CANCELLED, order("Bea", "Sam", OrderEvent.SYSTEM_ACTOR, "Seller unreachable"));

        assertThat(notices).extracting(Notice::userId, Notice::type).containsExactlyInAnyOrder(
            tuple("user_buyer", NotificationType.ORDER_CANCELLED), tuple("user_seller", NotificationType.ORDER_CANCELLED));
        assertThat(notices).extracting(Notice::body).containsExactlyInAnyOrder(
            "Your order of Lamp from Sam was cancelled. Reason: Seller unreachable",
            "The order of Lamp by Bea was cancelled. Reason: Seller unreachable");
    }

    @Test
    void missingNamesAreNeverReplacedByIds() {
        List<Notice> notices = OrderNotices.of(EventType.ORDER_CONFIRMED, order(null, " ", OrderEvent.SYSTEM_ACTOR, null));

        assertThat(notices).extracting(Notice::title).containsExactlyInAnyOrder("New order from A buyer", "Order confirmed");
        assertThat(notices).allSatisfy(notice -> assertThat(notice.title() + notice.body()).doesNotContain("user_"));
    }

    @Test
    void aPlacedOrderTellsNobody() {
        assertThat(OrderNotices.of(EventType.ORDER_CREATED, order("Bea", "Sam", "user_buyer", null))).isEmpty();
    }

    private static OrderEvent order(String buyerName, String sellerName, String actor, String reason) {
        Instant now = Instant.now();
        return new OrderEvent("o-1", "user_buyer", buyerName, "user_seller", sellerName,
            List.of(new OrderEvent.Item("p-1", "Lamp", new BigDecimal("10"), 1)), new BigDecimal("10"), "USD",
            "CANCELLED", reason, List.of(), now, now, 3, "CONFIRMED", actor);
    }
}
