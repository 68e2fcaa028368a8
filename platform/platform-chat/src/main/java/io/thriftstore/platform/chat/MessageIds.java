package io.thriftstore.platform.chat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A message's id from (conversationId, senderId, clientMessageId) (DESIGN section 5): a name-based UUID (v3)
 * of the three, so a resend of the same client message (after a reconnect, over REST or the socket) carries the
 * same id and is stored once, while a {@code clientMessageId} reused in another conversation is another message.
 * Shared by chat-service (REST send, storing) and ws-chat-service (socket send), which must agree.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(String conversationId, String senderId, String clientMessageId) {
        // A conversation id is two user ids joined by ':' and user ids never contain ':', so reading from the
        // left the name splits one way only: distinct triples never give the same name.
        return uuid(conversationId + ":" + senderId + ":" + clientMessageId);
    }

    /**
     * The id messages had before the conversation was part of it (senderId, clientMessageId). chat-service still
     * accepts it on records published before the upgrade, so that none of them is refused as invalid.
     */
    public static String beforeConversationIds(String senderId, String clientMessageId) {
        return uuid(senderId + ":" + clientMessageId);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
