package io.thriftstore.notification;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.kafka.EventPublisher;

/** Publishes notification.created as consumer-service does. */
final class Notifications {

    private Notifications() {
    }

    static NotificationCreated notice(TestUser user, String title, Instant createdAt) {
        return new NotificationCreated(UUID.randomUUID().toString(), user.id(), "ORDER_SHIPPED", title,
            "Sam shipped your order of " + title + ".", "/orders/" + UUID.randomUUID(), UUID.randomUUID().toString(), createdAt);
    }

    /** A new envelope each time: sending the same notification twice is a redelivery with another envelope id. */
    static void publish(EventPublisher publisher, NotificationCreated notice) {
        try {
            publisher.publish(EventEnvelope.of(EventType.NOTIFICATION_CREATED, "consumer-service", notice)).get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
