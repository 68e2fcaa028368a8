package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.MessageText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code text} is checked by {@link MessageText} (trimmed length, control characters). */
record SendMessageRequest(@NotNull String text, @NotBlank @Size(max = 100) String clientMessageId) {
}
