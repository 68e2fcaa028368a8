package io.thriftstore.notification.delivery;

import io.thriftstore.notification.inbox.Inbox;
import io.thriftstore.notification.inbox.NotificationResponse;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.NotificationCreated;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * notification-events, consumed twice (DESIGN section 6, flow 3):
 * <ul>
 * <li>{@link #store}: the service's shared group, from the earliest offset. The inbox is complete
 * even for notifications published while no instance ran (a per-instance group that starts at
 * {@code latest} would never see those).</li>
 * <li>{@link #push}: this instance's own group (platform-stomp's {@code socketPushGroup}), from {@code latest}: when
 * the user has a session on this instance, stores (the same idempotent upsert, so it is stored before it is shown,
 * whichever listener comes first) and then pushes to those sessions. For a user with no session here it does
 * nothing: most users are not connected at any moment, and storing twice for them cost a store write per
 * notification. Missed pushes (a socket reconnecting, an instance starting) are caught up over REST.</li>
 * </ul>
 */
@Component
class NotificationListeners {

    private static final Logger log = LoggerFactory.getLogger(NotificationListeners.class);

    private final Inbox inbox;
    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry sessions;
    private final ObservationRegistry observations;

    NotificationListeners(Inbox inbox, SimpMessagingTemplate messaging, SimpUserRegistry sessions,
                          ObservationRegistry observations) {
        this.inbox = inbox;
        this.messaging = messaging;
        this.sessions = sessions;
        this.observations = observations;
    }

    // idIsGroup = false: the listener's id would otherwise become its group ("notification-store"), outside
    // the platform's one-group-per-service naming (spring.kafka.consumer.group-id, with the topic prefix).
    @KafkaListener(id = "notification-store", idIsGroup = false, topics = "#{@topics.name('notification-events')}")
    void store(EventEnvelope<EventData> event) {
        if (event.data() instanceof NotificationCreated created) {
            inbox.store(created);
        }
    }

    @KafkaListener(id = "notification-push", topics = "#{@topics.name('notification-events')}",
            groupId = "#{@socketPushGroup.id()}", properties = "auto.offset.reset=latest")
    void push(EventEnvelope<EventData> event) {
        // Principal name = user id (platform StompAuthentication): the registry knows whose sessions this instance holds.
        if (event.data() instanceof NotificationCreated created && sessions.getUser(created.userId()) != null) {
            inbox.store(created);
            // The push is a span of the trace the event came with (the listener continues it), so one trace goes
            // from the request that caused the notification to the frame; its log line carries that trace id.
            Observation.createNotStarted("stomp.push", observations)
                .contextualName("push " + WebSocketConfig.USER_DESTINATION)
                .lowCardinalityKeyValue("destination", WebSocketConfig.USER_DESTINATION)
                .observe(() -> {
                    // Principal name = user id (platform StompAuthentication): only that user's sessions get it.
                    messaging.convertAndSendToUser(created.userId(), WebSocketConfig.USER_DESTINATION,
                        NotificationResponse.of(created));
                    log.info("Notification {} {} stored and pushed to the sessions of {} on this instance",
                        created.notificationId(), created.type(), created.userId());
                });
        }
    }
}
