package io.thriftstore.platform.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of DESIGN section 6: its versioned CloudEvents type, topic and payload. */
public enum EventType {

    ORDER_CREATED("order.created.v1", Topics.ORDER_EVENTS, OrderEvent.class),
    ORDER_CONFIRMED("order.confirmed.v1", Topics.ORDER_EVENTS, OrderEvent.class),
    ORDER_REJECTED("order.rejected.v1", Topics.ORDER_EVENTS, OrderEvent.class),
    ORDER_CANCELLED("order.cancelled.v1", Topics.ORDER_EVENTS, OrderEvent.class),
    ORDER_SHIPPED("order.shipped.v1", Topics.ORDER_EVENTS, OrderEvent.class),
    ORDER_DELIVERED("order.delivered.v1", Topics.ORDER_EVENTS, OrderEvent.class),
    ORDER_REVIEWED("order.reviewed.v1", Topics.ORDER_EVENTS, OrderEvent.class),

    PRODUCT_CREATED("product.created.v1", Topics.PRODUCT_EVENTS, ProductEvent.class),
    PRODUCT_UPDATED("product.updated.v1", Topics.PRODUCT_EVENTS, ProductEvent.class),
    PRODUCT_ARCHIVED("product.archived.v1", Topics.PRODUCT_EVENTS, ProductEvent.class),

    INVENTORY_RESERVED("inventory.reserved.v1", Topics.PRODUCT_EVENTS, InventoryEvent.class),
    INVENTORY_REJECTED("inventory.rejected.v1", Topics.PRODUCT_EVENTS, InventoryEvent.class),
    INVENTORY_RELEASED("inventory.released.v1", Topics.PRODUCT_EVENTS, InventoryEvent.class),

    WISHLIST_ITEM_ADDED("wishlist.item-added.v1", Topics.WISHLIST_EVENTS, WishlistEvent.class),
    WISHLIST_ITEM_REMOVED("wishlist.item-removed.v1", Topics.WISHLIST_EVENTS, WishlistEvent.class),

    CHAT_MESSAGE_SENT("chat.message-sent.v1", Topics.CHAT_MESSAGES, ChatMessageSent.class),

    NOTIFICATION_CREATED("notification.created.v1", Topics.NOTIFICATION_EVENTS, NotificationCreated.class);

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final String topic;
    private final Class<? extends EventData> dataType;

    EventType(String type, String topic, Class<? extends EventData> dataType) {
        this.type = type;
        this.topic = topic;
        this.dataType = dataType;
    }

    /** The CloudEvents {@code type}, version suffix included: {@code order.created.v1}. */
    public String type() {
        return type;
    }

    /** The topic it travels on, without the test prefix. */
    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataType() {
        return dataType;
    }

    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
