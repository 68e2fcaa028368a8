package io.thriftstore.platform.events;

import java.time.Instant;

/** notification.created, keyed by the user who is told. */
public record NotificationCreated(
        String notificationId,
        String userId,
        String type,
        String title,
        String body,
        String link,
        String sourceEventId,
        Instant createdAt) implements EventData {

    @Override
    public String eventKey() {
        return userId;
    }
}
