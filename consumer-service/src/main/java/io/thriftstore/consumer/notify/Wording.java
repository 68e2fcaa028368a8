package io.thriftstore.consumer.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shared phrasing of titles and bodies. */
public final class Wording {

    private static final int PREVIEW_LENGTH = 140;

    private Wording() {
    }

    /** {@code 12.50 USD}. */
    public static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + (currency == null ? "" : " " + currency);
    }

    /** A person's display name, or a neutral word when an event carries none. */
    public static String person(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }

    /** The start of a chat message, on one line. */
    public static String preview(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= PREVIEW_LENGTH ? oneLine : oneLine.substring(0, PREVIEW_LENGTH - 1) + "…";
    }
}
