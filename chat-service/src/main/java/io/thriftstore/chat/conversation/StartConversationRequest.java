package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.ConversationId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record StartConversationRequest(
        @NotBlank @Size(max = ConversationId.MAX_USER_ID_LENGTH) @Pattern(regexp = "[^:\\s\\p{Cntrl}\\p{Cs}]+", message = "is not a user id")
        String participantId,
        @Size(max = 100) String productId) {
}
