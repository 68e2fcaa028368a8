package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every chat message, on this instance's own group (from the latest offset): sends accepted elsewhere (another
 * chat-service instance, or ws-chat-service's socket) count against the sender's budget here too, so REST and
 * socket sends share one budget per user (ChatSends). Stores nothing: that is {@link ChatMessagesListener}'s.
 */
@Component
class SendBudgetListener {

    private final ChatSends sends;

    SendBudgetListener(ChatSends sends) {
        this.sends = sends;
    }

    @KafkaListener(id = "send-budget", topics = "#{@topics.name(T(io.thriftstore.platform.events.Topics).CHAT_MESSAGES)}",
        groupId = "#{@sendBudgetGroup.id()}", properties = "auto.offset.reset=latest")
    void on(EventEnvelope<EventData> event) {
        if (event.data() instanceof ChatMessageSent message) {
            sends.observed(message);
        }
    }
}
