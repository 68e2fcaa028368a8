package io.thriftstore.notification.inbox;

import java.time.Instant;

import io.thriftstore.platform.events.NotificationCreated;

/** The Notification of DESIGN section 5, in REST answers and STOMP frames alike. */
public record NotificationResponse(String id, String type, String title, String body, String link, Instant createdAt,
                                   boolean read) {

    static NotificationResponse of(Notification notification) {
        return new NotificationResponse(notification.id(), notification.type(), notification.title(), notification.body(),
                notification.link(), notification.createdAt(), notification.read());
    }

    /** A notification just created: nobody has read it yet. */
    public static NotificationResponse of(NotificationCreated created) {
        return new NotificationResponse(created.notificationId(), created.type(), created.title(), created.body(),
                created.link(), created.createdAt(), false);
    }
}
