package io.thriftstore.product.inventory;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.product.Orders;
import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.PublishedEvents;
import io.thriftstore.product.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.thriftstore.product.Listings.list;
import static io.thriftstore.product.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders take stock through order-events and get their answer on product-events. */
@ProductServiceIT
class StockReservationsIT {

    @LocalServerPort
    int port;

    @Autowired
    Orders orders;

    @Autowired
    PublishedEvents published;

    @Autowired
    EventPublisher publisher;

    Api api;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void fiftyConcurrentOrdersForTenItemsReserveExactlyTen() throws Exception {
        String productId = list(api, seller, "quantity", 10);
        List<String> orderIds = IntStream.range(0, 50).mapToObj(i -> Orders.newOrderId()).toList();

        // All at once: the service consumes them on several threads, each racing for the same product.
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (String orderId : orderIds) {
            sends.add(publisher.publish(Orders.event(EventType.ORDER_CREATED, orderId, line(productId, 1))));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        Set<String> ours = Set.copyOf(orderIds);
        published.awaitCount(50, null, InventoryEvent.class, answer -> ours.contains(answer.orderId()), Duration.ofSeconds(60));
        List<InventoryEvent> reserved = answers(EventType.INVENTORY_RESERVED, ours);
        List<InventoryEvent> rejected = answers(EventType.INVENTORY_REJECTED, ours);
        assertThat(reserved).hasSize(10);
        assertThat(rejected).hasSize(40).allMatch(answer -> "OUT_OF_STOCK".equals(answer.reason()));
        assertThat(reserved.stream().map(answer -> answer.items().get(0).remaining()))
            .as("each reservation took its own item").containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        JsonNode product = api.get("/api/products/" + productId, null).json();
        assertThat(product.path("quantity").asInt()).isZero();
        assertThat(product.path("status").asString()).isEqualTo("SOLD_OUT");
        orders.awaitAllConsumed();
        assertThat(published.of(EventType.PRODUCT_UPDATED, ProductEvent.class, event -> event.id().equals(productId)))
            .as("the stock never went below zero").allMatch(event -> event.quantity() >= 0);
    }

    @Test
    void anOrderThatCannotBeServedInFullReservesNothing() {
        String plenty = list(api, seller, "name", "Plenty", "quantity", 5);
        String scarce = list(api, seller, "name", "Scarce", "quantity", 1);

        String orderId = orders.place(line(plenty, 2), line(scarce, 3));

        InventoryEvent answer = published.awaitOne(EventType.INVENTORY_REJECTED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(answer.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(answer.items()).extracting(InventoryEvent.Item::productId).containsExactly(plenty, scarce);
        assertThat(quantity(plenty)).as("the first item was given back").isEqualTo(5);
        assertThat(quantity(scarce)).isEqualTo(1);
        assertThat(answers(EventType.INVENTORY_RESERVED, Set.of(orderId))).isEmpty();
    }

    @Test
    void anOrderForSeveralItemsReservesThemAll() {
        String first = list(api, seller, "name", "First", "quantity", 5);
        String second = list(api, seller, "name", "Second", "quantity", 2);

        String orderId = orders.place(line(first, 2), line(second, 2));

        InventoryEvent answer = published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(answer.items()).containsExactly(new InventoryEvent.Item(first, 2, 3), new InventoryEvent.Item(second, 2, 0));
        assertThat(quantity(first)).isEqualTo(3);
        assertThat(quantity(second)).isZero();
        assertThat(api.get("/api/products/" + second, null).json().path("status").asString()).isEqualTo("SOLD_OUT");
    }

    @Test
    void theSameOrderDeliveredTwiceReservesOnce() {
        String productId = list(api, seller, "quantity", 5);
        String orderId = Orders.newOrderId();
        EventEnvelope<OrderEvent> created = Orders.event(EventType.ORDER_CREATED, orderId, line(productId, 2));

        orders.publish(created);
        orders.publish(created);
        // order-service relaying the same order again, as a new envelope: still the same order.
        orders.publish(Orders.event(EventType.ORDER_CREATED, orderId, line(productId, 2)));
        orders.awaitAllConsumed();

        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));
        assertThat(quantity(productId)).isEqualTo(3);
        published.awaitQuiet();
        assertThat(answers(EventType.INVENTORY_RESERVED, Set.of(orderId))).hasSize(1);
    }

    @Test
    void cancellingAnOrderGivesItsStockBackOnce() {
        String productId = list(api, seller, "quantity", 5);
        String orderId = orders.place(line(productId, 2));
        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));

        EventEnvelope<OrderEvent> cancelled = Orders.event(EventType.ORDER_CANCELLED, orderId, line(productId, 2));
        orders.publish(cancelled);
        orders.publish(cancelled);
        orders.publish(Orders.event(EventType.ORDER_CANCELLED, orderId, line(productId, 2)));
        orders.awaitAllConsumed();

        InventoryEvent released = published.awaitOne(EventType.INVENTORY_RELEASED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(released.items()).containsExactly(new InventoryEvent.Item(productId, 2, 5));
        assertThat(quantity(productId)).isEqualTo(5);
        published.awaitQuiet();
        assertThat(answers(EventType.INVENTORY_RELEASED, Set.of(orderId))).hasSize(1);
    }

    @Test
    void anOrderRejectedAfterItsReservationGivesTheStockBack() {
        String productId = list(api, seller, "quantity", 3);
        String orderId = orders.place(line(productId, 1));
        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));

        // order-service gave up waiting (TIMEOUT) before our answer arrived.
        orders.publish(Orders.event(EventType.ORDER_REJECTED, orderId, line(productId, 1)));

        published.awaitOne(EventType.INVENTORY_RELEASED, InventoryEvent.class, event -> event.orderId().equals(orderId));
        assertThat(quantity(productId)).isEqualTo(3);
    }

    @Test
    void anOrderRejectedForLackOfStockHasNothingToGiveBack() {
        String productId = list(api, seller, "quantity", 1);
        String orderId = orders.place(line(productId, 4));
        published.awaitOne(EventType.INVENTORY_REJECTED, InventoryEvent.class, event -> event.orderId().equals(orderId));

        orders.publish(Orders.event(EventType.ORDER_REJECTED, orderId, line(productId, 4)));
        orders.awaitAllConsumed();

        published.awaitQuiet();
        assertThat(quantity(productId)).isEqualTo(1);
        assertThat(answers(EventType.INVENTORY_RELEASED, Set.of(orderId))).isEmpty();
    }

    @Test
    void stockThatComesBackMakesASoldOutItemAvailableAgain() {
        String productId = list(api, seller, "quantity", 1);
        String orderId = orders.place(line(productId, 1));
        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));
        assertThat(api.get("/api/products/" + productId, null).json().path("status").asString()).isEqualTo("SOLD_OUT");

        orders.publish(Orders.event(EventType.ORDER_CANCELLED, orderId, line(productId, 1)));

        ProductEvent backInStock = published.awaitOne(EventType.PRODUCT_UPDATED, ProductEvent.class,
            event -> event.id().equals(productId) && Integer.valueOf(0).equals(event.previousQuantity()));
        assertThat(backInStock.quantity()).isEqualTo(1);
        assertThat(backInStock.status()).isEqualTo("ACTIVE");
        assertThat(api.get("/api/products/" + productId, null).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aDeliveredOrdersItemsAreGoneForGood() {
        String productId = list(api, seller, "quantity", 3);
        String orderId = orders.place(line(productId, 2));
        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));

        orders.publish(Orders.event(EventType.ORDER_DELIVERED, orderId, line(productId, 2)));
        // Out of order and never legal after a delivery: it must not bring the items back.
        orders.publish(Orders.event(EventType.ORDER_CANCELLED, orderId, line(productId, 2)));
        orders.awaitAllConsumed();

        published.awaitQuiet();
        assertThat(quantity(productId)).isEqualTo(1);
        assertThat(answers(EventType.INVENTORY_RELEASED, Set.of(orderId))).isEmpty();
    }

    @Test
    void archivedAndUnknownProductsCannotBeOrdered() {
        String archived = list(api, seller, "quantity", 3);
        api.delete("/api/products/" + archived, seller.bearer());

        String forArchived = orders.place(line(archived, 1));
        String forUnknown = orders.place(line("000000000000000000000000", 1));
        String forNothing = orders.place();

        assertThat(published.awaitOne(EventType.INVENTORY_REJECTED, InventoryEvent.class,
            event -> event.orderId().equals(forArchived)).reason()).isEqualTo("PRODUCT_ARCHIVED");
        assertThat(published.awaitOne(EventType.INVENTORY_REJECTED, InventoryEvent.class,
            event -> event.orderId().equals(forUnknown)).reason()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(published.awaitOne(EventType.INVENTORY_REJECTED, InventoryEvent.class,
            event -> event.orderId().equals(forNothing)).reason()).isEqualTo("INVALID_ORDER");
        assertThat(quantity(archived)).isEqualTo(3);
    }

    @Test
    void aSellersQuantityEditBasedOnStockBeforeAReservationIsRefused() {
        String productId = list(api, seller, "quantity", 5);
        String seenBefore = api.get("/api/products/" + productId, null).headers().getETag();
        String orderId = orders.place(line(productId, 1));
        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));

        Api.Response stale = api.patch("/api/products/" + productId, seller.bearer(), seenBefore, Map.of("quantity", 5));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(quantity(productId)).as("the reservation stands").isEqualTo(4);
        String current = api.get("/api/products/" + productId, null).headers().getETag();
        assertThat(api.patch("/api/products/" + productId, seller.bearer(), current, Map.of("quantity", 6)).status()).isEqualTo(200);
    }

    private int quantity(String productId) {
        return api.get("/api/products/" + productId, null).json().path("quantity").asInt();
    }

    private List<InventoryEvent> answers(EventType type, Set<String> orderIds) {
        return published.of(type, InventoryEvent.class, event -> orderIds.contains(event.orderId()));
    }
}
