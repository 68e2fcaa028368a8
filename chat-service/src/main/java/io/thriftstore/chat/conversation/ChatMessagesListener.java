package io.thriftstore.chat.conversation;

import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** chat-messages, whoever sent them (socket or REST): stored once, numbered, in both inboxes. */
@Component
class ChatMessagesListener {

    private final MessageStore store;

    ChatMessagesListener(MessageStore store) {
        this.store = store;
    }

    @KafkaListener(topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).CHAT_MESSAGES)}")
    void on(EventEnvelope<EventData> event) {
        if (event.data() instanceof ChatMessageSent message) {
            store.store(message);
        }
    }
}
