package io.thriftstore.platform.events;

import java.util.List;

/**
 * Topic names of DESIGN section 6 and the prefix every name gets
 * ({@code thriftstore.kafka.topic-prefix}, empty in production; tests use it to keep
 * their events apart on a shared broker).
 */
public record Topics(String prefix) {

    public static final String ORDER_EVENTS = "order-events";
    public static final String PRODUCT_EVENTS = "product-events";
    public static final String WISHLIST_EVENTS = "wishlist-events";
    public static final String CHAT_MESSAGES = "chat-messages";
    public static final String NOTIFICATION_EVENTS = "notification-events";

    /** Every topic of the platform, without prefix. */
    public static final List<String> ALL =
            List.of(ORDER_EVENTS, PRODUCT_EVENTS, WISHLIST_EVENTS, CHAT_MESSAGES, NOTIFICATION_EVENTS);

    public static final String DLT_SUFFIX = ".DLT";

    public Topics {
        prefix = prefix == null ? "" : prefix;
    }

    /** The real name of a topic: {@code name(ORDER_EVENTS)}. */
    public String name(String topic) {
        return prefix + topic;
    }

    /** The real name of the topic an event type travels on. */
    public String of(EventType type) {
        return name(type.topic());
    }

    public static String deadLetterTopicOf(String realTopicName) {
        return realTopicName + DLT_SUFFIX;
    }
}
