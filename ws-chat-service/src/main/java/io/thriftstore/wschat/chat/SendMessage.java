package io.thriftstore.wschat.chat;

/** The body of {@code SEND /app/chat.send} (DESIGN section 7). */
record SendMessage(String conversationId, String clientMessageId, String text) {
}
