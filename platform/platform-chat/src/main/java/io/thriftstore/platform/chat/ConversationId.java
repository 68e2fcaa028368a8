package io.thriftstore.platform.chat;

import java.util.List;
import java.util.Optional;

/**
 * A conversation's id: the two participants' user ids, sorted, joined by {@code :} (DESIGN section 5).
 * One conversation per pair, and membership is read from the id itself, without a lookup. User ids
 * never contain {@code :}. Shared by chat-service and ws-chat-service: both must read ids alike.
 */
public record ConversationId(String first, String second) {

    public static final int MAX_USER_ID_LENGTH = 200;

    public ConversationId {
        if (!validUserId(first) || !validUserId(second) || first.compareTo(second) >= 0) {
            throw new IllegalArgumentException("A conversation is between two different, sorted user ids");
        }
    }

    /** The conversation of two different users, whichever order they are given in. */
    public static ConversationId between(String oneUser, String otherUser) {
        return oneUser.compareTo(otherUser) < 0 ? new ConversationId(oneUser, otherUser) : new ConversationId(otherUser, oneUser);
    }

    /** Empty for anything that is not exactly "a:b" with a < b: such ids name no conversation. */
    public static Optional<ConversationId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int colon = id.indexOf(':');
        if (colon < 0 || id.indexOf(':', colon + 1) >= 0) {
            return Optional.empty();
        }
        String first = id.substring(0, colon);
        String second = id.substring(colon + 1);
        if (!validUserId(first) || !validUserId(second) || first.compareTo(second) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new ConversationId(first, second));
    }

    public static boolean validUserId(String userId) {
        return userId != null && !userId.isBlank() && userId.length() <= MAX_USER_ID_LENGTH && userId.indexOf(':') < 0
            && userId.strip().equals(userId);
    }

    public boolean hasParticipant(String userId) {
        return first.equals(userId) || second.equals(userId);
    }

    /** 0 or 1: where the user sits in {@link #participants()} (and in the stored participant list). */
    public int indexOf(String userId) {
        if (first.equals(userId)) {
            return 0;
        }
        if (second.equals(userId)) {
            return 1;
        }
        throw new IllegalArgumentException(userId + " is not in conversation " + this);
    }

    /** The participant who is not {@code userId}. */
    public String otherThan(String userId) {
        return participants().get(1 - indexOf(userId));
    }

    public List<String> participants() {
        return List.of(first, second);
    }

    @Override
    public String toString() {
        return first + ":" + second;
    }
}
