package io.thriftstore.platform.chat;

import java.util.Optional;

/**
 * The rules of a message's text (DESIGN section 5): 1..2000 characters after trimming, no control
 * characters except newline and tab. ws-chat-service checks them before publishing, chat-service
 * again before storing.
 */
public final class MessageText {

    public static final int MAX_LENGTH = 2000;

    private MessageText() {
    }

    /** The text as it will be stored (trimmed). */
    public static String normalise(String text) {
        return text == null ? "" : text.strip();
    }

    /** Why the (trimmed) text is refused, if it is. */
    public static Optional<String> problem(String trimmed) {
        if (trimmed == null || trimmed.isEmpty()) {
            return Optional.of("must not be blank");
        }
        // Counted in code points, so that an emoji is one character, as people count them.
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        boolean control = trimmed.codePoints().anyMatch(c -> c != '\n' && c != '\t' && Character.getType(c) == Character.CONTROL);
        return control ? Optional.of("must not contain control characters other than newline and tab") : Optional.empty();
    }
}
