package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.ConversationId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as stored: both participants in id order (so {@code participants.0} and
 * {@code participants.1} address them without a positional query), the last seq handed out, the
 * latest message for the inbox, and per participant the seq up to which they have read.
 * {@code participantIds} repeats the ids so that the inbox query has an index.
 */
@Document(Conversation.COLLECTION)
record Conversation(
        @Id String id,
        List<String> participantIds,
        List<Participant> participants,
        String productId,
        long seq,
        MessageResponse lastMessage,
        Instant createdAt,
        Instant updatedAt) {

    static final String COLLECTION = "conversations";

    static Conversation start(ConversationId id, Instant now) {
        List<Participant> participants = id.participants().stream()
            // Until a participant acts (and so shows their token's name) they are known by their id (DESIGN section 4).
            .map(userId -> new Participant(userId, userId, 0))
            .toList();
        return new Conversation(id.toString(), id.participants(), participants, null, 0, null, now, now);
    }

    Participant participant(String userId) {
        return participants.stream().filter(p -> p.userId().equals(userId)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(userId + " is not in " + id));
    }

    record Participant(String userId, String name, long lastReadSeq) {
    }
}
