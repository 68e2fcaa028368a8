package io.thriftstore.consumer.chat;

import java.time.Instant;
import java.util.List;

import io.thriftstore.consumer.notify.Notice;
import io.thriftstore.consumer.notify.NotificationType;
import io.thriftstore.consumer.notify.Notifications;
import io.thriftstore.consumer.notify.Wording;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.outbox.ConsumedEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** chat-messages: NEW_MESSAGE for the recipient, at most once per conversation per quiet period. */
@Component
class ChatMessagesListener {

    static final String CONSUMER = "consumer-service:chat";
    private static final Logger log = LoggerFactory.getLogger(ChatMessagesListener.class);

    private final ConsumedEvents consumed;
    private final ChatNotices chatNotices;
    private final Notifications notifications;

    ChatMessagesListener(ConsumedEvents consumed, ChatNotices chatNotices, Notifications notifications) {
        this.consumed = consumed;
        this.chatNotices = chatNotices;
        this.notifications = notifications;
    }

    @KafkaListener(topics = "#{@topics.name('chat-messages')}")
    @Transactional
    void on(EventEnvelope<EventData> event) {
        if (!(event.data() instanceof ChatMessageSent message) || !consumed.markConsumed(CONSUMER, event.id())) {
            return;
        }
        // Membership is in the conversation id (the two user ids, sorted, joined by ':'): a record
        // naming anyone else as recipient is not delivered to them.
        List<String> participants = List.of(message.conversationId().split(":", -1));
        if (participants.size() != 2 || !participants.contains(message.senderId())
                || !participants.contains(message.recipientId()) || message.senderId().equals(message.recipientId())) {
            log.warn("Ignoring chat message {}: sender/recipient do not match conversation {}", message.id(), message.conversationId());
            return;
        }
        Instant at = message.sentAt() != null ? message.sentAt() : event.time();
        if (chatNotices.claim(message.conversationId(), message.recipientId(), at)) {
            String sender = Wording.person(message.senderName(), "Someone");
            notifications.tell(event, new Notice(message.recipientId(), NotificationType.NEW_MESSAGE,
                    "New message from " + sender, Wording.preview(message.text()), "/inbox/" + message.conversationId()));
        }
    }
}
