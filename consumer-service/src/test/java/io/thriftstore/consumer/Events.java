package io.thriftstore.consumer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.platform.kafka.EventPublisher;

import org.springframework.boot.test.context.TestComponent;

/** Publishes real events, shaped as the producing services publish them, on this context's topics. */
@TestComponent
class Events {

    private final EventPublisher publisher;
    private final List<EventEnvelope<?>> published = new CopyOnWriteArrayList<>();

    Events(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Sends an envelope as it is (same id: a redelivery when sent again) and waits for the broker's acknowledgement. */
    <T extends EventData> EventEnvelope<T> send(EventEnvelope<T> envelope) {
        try {
            publisher.publish(envelope).get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish " + envelope.type(), e);
        }
        published.add(envelope);
        return envelope;
    }

    <T extends EventData> EventEnvelope<T> publish(EventType type, T data) {
        return send(EventEnvelope.of(type, "test", data));
    }

    List<EventEnvelope<?>> published() {
        return List.copyOf(published);
    }

    Order order(TestUser buyer, TestUser seller, OrderEvent.Item... items) {
        return new Order(buyer, seller, List.of(items));
    }

    static OrderEvent.Item line(String productId, String name, String unitPrice, int quantity) {
        return new OrderEvent.Item(productId, name, new BigDecimal(unitPrice), quantity);
    }

    /** A product as product-service publishes it; {@link #updated} publishes a change with the previous values. */
    Product product(TestUser seller, String name, String price, int quantity) {
        return listing(seller, name, "A fine " + name, "other", price);
    }

    /** A product listed with its own description and category, quantity 1. */
    Product listing(TestUser seller, String name, String description, String category, String price) {
        Product product = new Product("p" + UUID.randomUUID().toString().replace("-", "").substring(0, 23), seller, name,
            description, category, new BigDecimal(price), 1);
        product.lastEvent = publish(EventType.PRODUCT_CREATED, product.event(null, null, "ACTIVE"));
        return product;
    }

    EventEnvelope<WishlistEvent> wish(TestUser user, Product product) {
        return publish(EventType.WISHLIST_ITEM_ADDED,
            new WishlistEvent(user.id(), product.id, product.name, product.seller.id(), Instant.now()));
    }

    EventEnvelope<WishlistEvent> unwish(TestUser user, Product product) {
        return publish(EventType.WISHLIST_ITEM_REMOVED,
            new WishlistEvent(user.id(), product.id, product.name, product.seller.id(), Instant.now()));
    }

    EventEnvelope<ChatMessageSent> chat(TestUser from, TestUser to, String text, Instant sentAt) {
        String conversationId = from.id().compareTo(to.id()) < 0 ? from.id() + ":" + to.id() : to.id() + ":" + from.id();
        String clientMessageId = UUID.randomUUID().toString();
        return publish(EventType.CHAT_MESSAGE_SENT, new ChatMessageSent(UUID.randomUUID().toString(), conversationId,
            from.id(), from.name(), text, sentAt, clientMessageId, to.id()));
    }

    /** One order's life: each transition publishes the full order with the next version. */
    final class Order {

        final String id = UUID.randomUUID().toString();
        final TestUser buyer;
        final TestUser seller;
        final List<OrderEvent.Item> items;
        final BigDecimal total;
        private String status;
        private long version;
        private final List<OrderEvent.HistoryEntry> history = new ArrayList<>();

        private Order(TestUser buyer, TestUser seller, List<OrderEvent.Item> items) {
            this.buyer = buyer;
            this.seller = seller;
            this.items = items;
            this.total = items.stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        EventEnvelope<OrderEvent> created() {
            return move(EventType.ORDER_CREATED, "PENDING", buyer.id(), null);
        }

        EventEnvelope<OrderEvent> confirmed() {
            return move(EventType.ORDER_CONFIRMED, "CONFIRMED", OrderEvent.SYSTEM_ACTOR, null);
        }

        EventEnvelope<OrderEvent> rejected(String reason) {
            return move(EventType.ORDER_REJECTED, "REJECTED", OrderEvent.SYSTEM_ACTOR, reason);
        }

        EventEnvelope<OrderEvent> shipped() {
            return move(EventType.ORDER_SHIPPED, "SHIPPED", seller.id(), null);
        }

        EventEnvelope<OrderEvent> delivered() {
            return move(EventType.ORDER_DELIVERED, "DELIVERED", seller.id(), null);
        }

        /** order.reviewed: the status stays DELIVERED; the review names the first item, as order-service does. */
        EventEnvelope<OrderEvent> reviewed(int rating, String comment) {
            version++;
            Instant now = Instant.now();
            return publish(EventType.ORDER_REVIEWED, new OrderEvent(id, buyer.id(), buyer.name(), seller.id(), seller.name(),
                items, total, "USD", status, null, history, now, now, version, status, buyer.id(),
                new OrderEvent.Review(rating, comment, items.get(0).name(), buyer.name(), now)));
        }

        EventEnvelope<OrderEvent> cancelledBy(TestUser actor) {
            return move(EventType.ORDER_CANCELLED, "CANCELLED", actor.id(), null);
        }

        private EventEnvelope<OrderEvent> move(EventType type, String next, String actor, String reason) {
            String previous = status;
            status = next;
            version++;
            Instant now = Instant.now();
            history.add(new OrderEvent.HistoryEntry(next, now, actor));
            return publish(type, new OrderEvent(id, buyer.id(), buyer.name(), seller.id(), seller.name(), items, total,
                "USD", next, reason, history, now, now, version, previous, actor));
        }
    }

    final class Product {

        final String id;
        final TestUser seller;
        final String name;
        private final String description;
        private final String category;
        private BigDecimal price;
        private int quantity;
        private String status = "ACTIVE";
        private long version = 1;
        EventEnvelope<ProductEvent> lastEvent;

        private Product(String id, TestUser seller, String name, String description, String category, BigDecimal price,
                int quantity) {
            this.id = id;
            this.seller = seller;
            this.name = name;
            this.description = description;
            this.category = category;
            this.price = price;
            this.quantity = quantity;
        }

        /** The seller archives it (product.archived, status ARCHIVED). */
        EventEnvelope<ProductEvent> archived() {
            status = "ARCHIVED";
            version++;
            return lastEvent = publish(EventType.PRODUCT_ARCHIVED, event(price, quantity, status));
        }

        /** The seller relists it (product.updated, status ACTIVE). */
        EventEnvelope<ProductEvent> relisted() {
            status = "ACTIVE";
            version++;
            return lastEvent = publish(EventType.PRODUCT_UPDATED, event(price, quantity, status));
        }

        EventEnvelope<ProductEvent> updated(String newPrice, int newQuantity) {
            BigDecimal previousPrice = price;
            int previousQuantity = quantity;
            price = new BigDecimal(newPrice);
            quantity = newQuantity;
            status = newQuantity == 0 ? "SOLD_OUT" : "ACTIVE";
            version++;
            return lastEvent = publish(EventType.PRODUCT_UPDATED, event(previousPrice, previousQuantity, status));
        }

        private ProductEvent event(BigDecimal previousPrice, Integer previousQuantity, String status) {
            Instant now = Instant.now();
            return new ProductEvent(id, seller.id(), seller.name(), name, description, price, "USD", category, "GOOD",
                quantity, status, List.of(), now, now, version, previousPrice, previousQuantity);
        }
    }
}
