package io.thriftstore.chat.conversation;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A message as stored, its id derived from (senderId, clientMessageId) so that a resend is the same
 * document. {@code seq} is null for the moment between insert and numbering (see {@link MessageStore}).
 */
@Document(StoredMessage.COLLECTION)
record StoredMessage(
        @Id String id,
        String conversationId,
        Long seq,
        String senderId,
        String senderName,
        String text,
        Instant sentAt,
        String clientMessageId) {

    static final String COLLECTION = "messages";

    StoredMessage withSeq(long newSeq) {
        return new StoredMessage(id, conversationId, newSeq, senderId, senderName, text, sentAt, clientMessageId);
    }

    MessageResponse response() {
        return new MessageResponse(id, conversationId, seq, senderId, senderName, text, sentAt, clientMessageId);
    }
}
