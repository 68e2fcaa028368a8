package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.platform.events.OrderEvent;

/** product-service's answers (played by {@link InventoryStandIn} over the real broker) confirm or reject orders, once. */
class InventoryAnswersIT extends OrderServiceIntegrationTest {

    @Test
    void aReservedOrderIsConfirmedByTheSystem() {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = place(buyer, reservableProduct(seller, "10", 5), 2).id();

        Api.Response confirmed = awaitStatus(id, seller, "CONFIRMED");

        JsonAssertions.lastHistory(confirmed, "CONFIRMED", "system");
        OrderEvent event = events.await(id, "order.confirmed.v1");
        assertThat(event.previousStatus()).isEqualTo("PENDING");
        assertThat(event.actorId()).isEqualTo("system");
        assertThat(event.version()).isEqualTo(confirmed.json().path("version").asLong());
    }

    @Test
    void whenStockRunsShortTheLaterOrderIsRejected() {
        String seller = user("seller");
        String product = reservableProduct(seller, "10", 3);
        String first = place(user("first"), product, 2).id();
        awaitStatus(first, seller, "CONFIRMED");

        String second = place(user("second"), product, 2).id();

        Api.Response rejected = awaitStatus(second, seller, "REJECTED");
        assertThat(rejected.json().path("reason").asString()).isEqualTo("OUT_OF_STOCK");
        JsonAssertions.lastHistory(rejected, "REJECTED", "system");
        OrderEvent event = events.await(second, "order.rejected.v1");
        assertThat(event.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(event.actorId()).isEqualTo("system");
    }

    @Test
    void duplicateAndStaleInventoryEventsChangeNothing() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = place(buyer, reservableProduct(seller, "10", 5), 1).id();
        Api.Response confirmed = awaitStatus(id, buyer, "CONFIRMED");
        EventEnvelope<InventoryEvent> reserved = inventory.answerFor(id);

        // The same event twice more (a redelivery), then a late contradicting answer with a new id.
        inventory.publish(reserved);
        inventory.publish(reserved);
        EventEnvelope<InventoryEvent> stale = EventEnvelope.of(EventType.INVENTORY_REJECTED, "product-service",
            new InventoryEvent(id, List.of(new InventoryEvent.Item(reserved.data().items().get(0).productId(), 1, null)), "OUT_OF_STOCK"));
        inventory.publish(stale);

        // All three share the order's key, so once the last is recorded as consumed the others were handled before it.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
            jdbc.queryForObject("SELECT count(*) FROM consumed_event WHERE event_id = ?", Long.class, stale.id()) == 1);

        Api.Response after = api.get("/api/orders/" + id, bearer(buyer));
        assertThat(after.json().path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(after.json().path("version").asLong()).isEqualTo(confirmed.json().path("version").asLong());
        assertThat(after.json().path("history")).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_key = ?", Long.class, id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consumed_event WHERE event_id = ?", Long.class, reserved.id())).isEqualTo(1);
    }

    @Test
    void otherEventsOnProductEventsAreIgnored() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = place(buyer, product(seller, "10", 5), 1).id();
        EventEnvelope<InventoryEvent> released = EventEnvelope.of(EventType.INVENTORY_RELEASED, "product-service",
            new InventoryEvent(id, List.of(), null));
        EventEnvelope<InventoryEvent> rejected = EventEnvelope.of(EventType.INVENTORY_REJECTED, "product-service",
            new InventoryEvent(id, List.of(), "PRODUCT_ARCHIVED"));

        inventory.publish(released);
        inventory.publish(rejected);

        // inventory.released is not an answer: the order is rejected only by the rejection that followed it.
        Api.Response after = awaitStatus(id, buyer, "REJECTED");
        assertThat(after.json().path("reason").asString()).isEqualTo("PRODUCT_ARCHIVED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consumed_event WHERE event_id = ?", Long.class, released.id())).isZero();
    }
}
