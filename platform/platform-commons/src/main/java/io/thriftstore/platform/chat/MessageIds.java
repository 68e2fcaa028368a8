package io.thriftstore.platform.chat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A message's id from (senderId, clientMessageId): a name-based UUID (v3) of both, so a resend of the
 * same client message (after a reconnect, over REST or the socket) carries the same id and is stored
 * once. Shared by chat-service (REST send, storing) and ws-chat-service (socket send), which must agree.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(String senderId, String clientMessageId) {
        // The separator cannot occur in a user id, so distinct pairs never give the same name.
        return UUID.nameUUIDFromBytes((senderId + ":" + clientMessageId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
