package io.thriftstore.chat.conversation;

import java.time.Instant;
import java.util.List;

/** Conversation (DESIGN section 5), seen by one participant: {@code unreadCount} is theirs. */
record ConversationResponse(String id, List<ParticipantResponse> participants, String productId,
                            MessageResponse lastMessage, long unreadCount, Instant updatedAt) {

    record ParticipantResponse(String userId, String name) {
    }
}
