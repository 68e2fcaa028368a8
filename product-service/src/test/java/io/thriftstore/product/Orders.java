package io.thriftstore.product;

import io.thriftstore.testing.CaughtUp;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.testing.TestInfrastructure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Plays order-service: publishes order events to order-events, as order-service's relay would. */
@TestComponent
public class Orders {

    private final EventPublisher publisher;
    private final TestInfrastructure infrastructure;
    private final String orderEventsTopic;
    private final String serviceGroup;

    Orders(EventPublisher publisher, TestInfrastructure infrastructure, Topics topics,
           @Value("${spring.kafka.consumer.group-id}") String serviceGroup) {
        this.publisher = publisher;
        this.infrastructure = infrastructure;
        this.orderEventsTopic = topics.name(Topics.ORDER_EVENTS);
        this.serviceGroup = serviceGroup;
    }

    public record Line(String productId, int quantity) {
    }

    public static Line line(String productId, int quantity) {
        return new Line(productId, quantity);
    }

    public static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** An order event of that type for these lines. */
    public static EventEnvelope<OrderEvent> event(EventType type, String orderId, Line... lines) {
        List<OrderEvent.Item> items = Arrays.stream(lines)
            .map(line -> new OrderEvent.Item(line.productId(), "item", new BigDecimal("1.00"), line.quantity()))
            .toList();
        String status = switch (type) {
            case ORDER_CREATED -> "PENDING";
            case ORDER_CANCELLED -> "CANCELLED";
            case ORDER_REJECTED -> "REJECTED";
            default -> "CONFIRMED";
        };
        Instant now = Instant.now();
        OrderEvent order = new OrderEvent(orderId, "user_buyer", "Buyer", "user_seller", "Seller", items,
            BigDecimal.valueOf(items.size()), "USD", status, null, List.of(), now, now, 0, "PENDING", "user_buyer");
        return EventEnvelope.of(type, "order-service", order);
    }

    /** Publishes and waits for Kafka's acknowledgement. */
    public void publish(EventEnvelope<?> event) {
        try {
            publisher.publish(event).get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.type(), e);
        }
    }

    /** Places an order (order.created) and returns its id. */
    public String place(Line... lines) {
        String orderId = newOrderId();
        publish(event(EventType.ORDER_CREATED, orderId, lines));
        return orderId;
    }

    /** Waits until product-service has processed everything published to order-events so far. */
    public void awaitAllConsumed() {
        CaughtUp.await(infrastructure.kafkaBootstrapServers(), orderEventsTopic, serviceGroup);
    }
}
