package io.thriftstore.wschat.chat;

import io.thriftstore.platform.events.ChatMessageSent;

import java.time.Instant;

/**
 * Message JSON on {@code /user/queue/messages} (DESIGN section 5). Live frames have no {@code seq} yet:
 * chat-service numbers the message when it stores it; clients drop a frame whose {@code id} they have.
 */
record MessageFrame(String id, String conversationId, Long seq, String senderId, String senderName, String text,
                    Instant sentAt, String clientMessageId) {

    static MessageFrame of(ChatMessageSent message) {
        return new MessageFrame(message.id(), message.conversationId(), null, message.senderId(), message.senderName(),
            message.text(), message.sentAt(), message.clientMessageId());
    }
}
