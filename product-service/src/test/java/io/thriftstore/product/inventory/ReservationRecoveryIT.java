package io.thriftstore.product.inventory;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.InventoryEvent;
import io.thriftstore.product.Orders;
import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.PublishedEvents;
import io.thriftstore.product.TestUser;
import io.thriftstore.product.inventory.Reservation.Line;
import io.thriftstore.product.inventory.Reservation.LineState;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.List;

import static io.thriftstore.product.Listings.list;
import static io.thriftstore.product.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * An instance may die at any point of a reservation. Each test sets up what such a crash leaves behind
 * in the database, then delivers the order event again (as Kafka does when its offset was not
 * committed) and checks that the reservation is completed or compensated, never done twice.
 */
@ProductServiceIT
class ReservationRecoveryIT {

    @LocalServerPort
    int port;

    @Autowired
    Orders orders;

    @Autowired
    PublishedEvents published;

    @Autowired
    MongoTemplate mongo;

    Api api;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aCrashAfterTakingStockButBeforeNotingItTakesNothingMoreOnRedelivery() {
        String productId = list(api, seller, "quantity", 5);
        String orderId = Orders.newOrderId();
        // The product update of the first delivery went through (stock taken for the order); then the instance died.
        takeDirectly(productId, 2, orderId);

        orders.publish(Orders.event(EventType.ORDER_CREATED, orderId, line(productId, 2)));

        InventoryEvent reserved = published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(reserved.items()).containsExactly(new InventoryEvent.Item(productId, 2, 3));
        assertThat(quantity(productId)).isEqualTo(3);
        assertThat(stockHolds(productId)).as("the order holds the stock once").containsExactly(orderId);
    }

    @Test
    void aReservationInterruptedHalfWayIsCompletedOnRedelivery() {
        String first = list(api, seller, "quantity", 5);
        String second = list(api, seller, "quantity", 5);
        String orderId = Orders.newOrderId();
        takeDirectly(first, 1, orderId);
        insert(orderId, Reservation.State.RESERVING, null,
            new Line(first, 1, LineState.TAKEN, 4), new Line(second, 2, LineState.PENDING, null));

        orders.publish(Orders.event(EventType.ORDER_CREATED, orderId, line(first, 1), line(second, 2)));

        InventoryEvent reserved = published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(reserved.items()).containsExactly(new InventoryEvent.Item(first, 1, 4), new InventoryEvent.Item(second, 2, 3));
        assertThat(quantity(first)).isEqualTo(4);
        assertThat(quantity(second)).isEqualTo(3);
    }

    @Test
    void aRejectionInterruptedWhileGivingStockBackIsCompensatedOnRedelivery() {
        String taken = list(api, seller, "quantity", 5);
        String scarce = list(api, seller, "quantity", 1);
        String orderId = Orders.newOrderId();
        takeDirectly(taken, 2, orderId);
        insert(orderId, Reservation.State.REJECTING, "OUT_OF_STOCK",
            new Line(taken, 2, LineState.TAKEN, 3), new Line(scarce, 3, LineState.PENDING, 1));

        orders.publish(Orders.event(EventType.ORDER_CREATED, orderId, line(taken, 2), line(scarce, 3)));

        InventoryEvent rejected = published.awaitOne(EventType.INVENTORY_REJECTED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(rejected.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(quantity(taken)).as("given back").isEqualTo(5);
        assertThat(quantity(scarce)).isEqualTo(1);
    }

    @Test
    void aReleaseInterruptedHalfWayIsFinishedOnceOnRedelivery() {
        String first = list(api, seller, "quantity", 5);
        String second = list(api, seller, "quantity", 5);
        String orderId = orders.place(line(first, 1), line(second, 1));
        published.awaitOne(EventType.INVENTORY_RESERVED, InventoryEvent.class, event -> event.orderId().equals(orderId));
        // The first delivery of order.cancelled gave the first line back, noted it, and died.
        mongo.updateFirst(Query.query(where("_id").is(orderId)), new Update().set("state", Reservation.State.RELEASING.name()),
            "reservations");
        giveBackDirectly(first, 1, orderId);

        orders.publish(Orders.event(EventType.ORDER_CANCELLED, orderId, line(first, 1), line(second, 1)));

        InventoryEvent released = published.awaitOne(EventType.INVENTORY_RELEASED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(released.items()).extracting(InventoryEvent.Item::productId).containsExactly(first, second);
        assertThat(quantity(first)).isEqualTo(5);
        assertThat(quantity(second)).isEqualTo(5);
    }

    /** What the product update of {@code ProductStock.take} does. */
    @Test
    void stockTakenJustBeforeACrashIsGivenBackWhenTheOrderIsCancelled() {
        String productId = list(api, seller, "quantity", 5);
        String orderId = Orders.newOrderId();
        // The product recorded the hold, the reservation had not noted it yet, and the order was cancelled meanwhile.
        takeDirectly(productId, 2, orderId);
        insert(orderId, Reservation.State.RESERVING, null, new Line(productId, 2, LineState.PENDING, null));

        orders.publish(Orders.event(EventType.ORDER_CANCELLED, orderId, line(productId, 2)));

        InventoryEvent released = published.awaitOne(EventType.INVENTORY_RELEASED, InventoryEvent.class,
            event -> event.orderId().equals(orderId));
        assertThat(released.items()).containsExactly(new InventoryEvent.Item(productId, 2, 5));
        assertThat(quantity(productId)).isEqualTo(5);
        assertThat(stockHolds(productId)).isEmpty();
    }

    private void takeDirectly(String productId, int quantity, String orderId) {
        mongo.updateFirst(Query.query(where("_id").is(new ObjectId(productId))),
            new Update().inc("quantity", -quantity).inc("version", 1).push("stockHolds", orderId), "products");
    }

    /** What the product update of {@code ProductStock.giveBack} does. */
    private void giveBackDirectly(String productId, int quantity, String orderId) {
        mongo.updateFirst(Query.query(where("_id").is(new ObjectId(productId))),
            new Update().inc("quantity", quantity).inc("version", 1).pull("stockHolds", orderId), "products");
    }

    private void insert(String orderId, Reservation.State state, String reason, Line... lines) {
        mongo.insert(new Reservation(orderId, state, List.of(lines), reason, Instant.now(), Instant.now(), List.of(), null));
    }

    private int quantity(String productId) {
        return api.get("/api/products/" + productId, null).json().path("quantity").asInt();
    }

    private List<String> stockHolds(String productId) {
        Document product = mongo.findById(new ObjectId(productId), Document.class, "products");
        return product.getList("stockHolds", String.class, List.of());
    }
}
