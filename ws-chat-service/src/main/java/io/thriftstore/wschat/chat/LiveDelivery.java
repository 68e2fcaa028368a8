package io.thriftstore.wschat.chat;

import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Every instance reads every chat message (its own consumer group, platform-stomp's {@code socketPushGroup}) and pushes it to the sessions it
 * holds of both participants: the recipient's, and the sender's as the acknowledgement. Recipients are
 * read from the conversation id, never from the record's word alone. Every message also counts against its sender's
 * send budget here ({@link ChatSends#observed}), whichever instance or service accepted it. The group starts at the latest
 * offset: a socket gets what is sent while it is open; clients catch up over chat-service's REST history.
 */
@Component
class LiveDelivery {

    static final String MESSAGES = "/queue/messages";

    private static final Logger log = LoggerFactory.getLogger(LiveDelivery.class);

    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry users;
    private final ChatSends sends;
    private final ObservationRegistry observations;

    LiveDelivery(SimpMessagingTemplate messaging, SimpUserRegistry users, ChatSends sends, ObservationRegistry observations) {
        this.messaging = messaging;
        this.users = users;
        this.sends = sends;
        this.observations = observations;
    }

    @KafkaListener(topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).CHAT_MESSAGES)}",
        groupId = "#{@socketPushGroup.id()}", properties = "auto.offset.reset=latest")
    void on(EventEnvelope<EventData> event) {
        if (!(event.data() instanceof ChatMessageSent message)) {
            return;
        }
        // Before the push: once the sender sees a message acknowledged anywhere, this instance has counted it.
        sends.observed(message);
        ConversationId conversation = ConversationId.parse(message.conversationId())
            .filter(id -> id.hasParticipant(message.senderId())).orElse(null);
        if (conversation == null) {
            // Not a dead letter here: every instance would write one. chat-service dead-letters it once.
            log.warn("Not delivering chat message {}: sender {} is not in conversation {}", message.id(),
                message.senderId(), message.conversationId());
            return;
        }
        MessageFrame frame = MessageFrame.of(message);
        // A span of the sender's trace (the listener continues it from the record's traceparent header).
        Observation.createNotStarted("stomp.push", observations)
            .contextualName("push " + MESSAGES)
            .lowCardinalityKeyValue("destination", MESSAGES)
            .observe(() -> {
                for (String participant : conversation.participants()) {
                    if (users.getUser(participant) != null) {
                        messaging.convertAndSendToUser(participant, MESSAGES, frame);
                    }
                }
                log.debug("Chat message {} pushed to the sessions of {} on this instance", message.id(),
                    conversation.participants());
            });
    }
}
