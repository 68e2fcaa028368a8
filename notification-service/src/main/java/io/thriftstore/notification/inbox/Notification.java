package io.thriftstore.notification.inbox;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One stored notification; {@code id} is the notificationId consumer-service derived, so a redelivery is the same document. */
@Document(Inbox.COLLECTION)
record Notification(@Id String id, String userId, String type, String title, String body, String link,
                    String sourceEventId, Instant createdAt, boolean read) {
}
