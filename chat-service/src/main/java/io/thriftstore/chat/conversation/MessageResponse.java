package io.thriftstore.chat.conversation;

import java.time.Instant;

/** Message (DESIGN section 5). {@code seq} is null until the message is stored. */
record MessageResponse(String id, String conversationId, Long seq, String senderId, String senderName, String text,
                       Instant sentAt, String clientMessageId) {
}
