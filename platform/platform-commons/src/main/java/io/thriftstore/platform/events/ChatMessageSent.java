package io.thriftstore.platform.events;

import java.time.Instant;

/**
 * chat.message-sent, keyed by conversation id. The message as sent (it has no seq yet:
 * chat-service assigns it when it stores the message) plus the recipient.
 */
public record ChatMessageSent(
        String id,
        String conversationId,
        String senderId,
        String senderName,
        String text,
        Instant sentAt,
        String clientMessageId,
        String recipientId) implements EventData {

    @Override
    public String eventKey() {
        return conversationId;
    }
}
