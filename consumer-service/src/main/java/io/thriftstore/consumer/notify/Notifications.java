package io.thriftstore.consumer.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.outbox.Outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes notification.created through the outbox, in the caller's transaction (the one that
 * recorded the consumed event and updated the read models).
 */
@Component
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final Outbox outbox;

    Notifications(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Tells one user about a source event. The notification id is derived from (source event,
     * recipient, type), so even a source event processed twice (say, its consumed record expired
     * before a very late redelivery) yields the same notification, which notification-service
     * stores once.
     */
    public void tell(EventEnvelope<? extends EventData> source, Notice notice) {
        write(source, notificationId(source.id(), notice.userId(), notice.type()), notice);
    }

    /**
     * Tells one user, with the notification id derived from {@code key} alone instead of the source event:
     * for notices that are once per something else than the event (NEW_MATCH: once per saved search and
     * product, however many events make the product match).
     */
    public void tellOnce(EventEnvelope<? extends EventData> source, String key, Notice notice) {
        write(source, UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), notice);
    }

    private void write(EventEnvelope<? extends EventData> source, UUID id, Notice notice) {
        Instant createdAt = source.time() != null ? source.time() : Instant.now();
        outbox.append(EventType.NOTIFICATION_CREATED, new NotificationCreated(id.toString(),
                notice.userId(), notice.type().name(), notice.title(), notice.body(), notice.link(),
                source.id().toString(), createdAt));
        // One line per notice, in the trace of the source event (its listener continues the writer's trace).
        log.info("Notification {} {} for {} written, from {} {}", id, notice.type(), notice.userId(), source.type(),
                source.id());
    }

    static UUID notificationId(UUID sourceEventId, String userId, NotificationType type) {
        return UUID.nameUUIDFromBytes((sourceEventId + "/" + userId + "/" + type).getBytes(StandardCharsets.UTF_8));
    }
}
