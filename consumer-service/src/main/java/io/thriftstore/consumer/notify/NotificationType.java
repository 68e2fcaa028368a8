package io.thriftstore.consumer.notify;

/** The notification types of DESIGN section 6 ("who hears what"). */
public enum NotificationType {
    ORDER_RECEIVED,
    ORDER_CONFIRMED,
    ORDER_REJECTED,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_CANCELLED,
    WISHLIST_ADDED,
    PRICE_DROP,
    BACK_IN_STOCK,
    NEW_MESSAGE,
    NEW_MATCH,
    REVIEW_RECEIVED
}
