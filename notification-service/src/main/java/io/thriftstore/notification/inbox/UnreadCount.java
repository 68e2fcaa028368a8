package io.thriftstore.notification.inbox;

/** {@code GET /api/notifications/unread-count}: {@code {"count": n}}. */
record UnreadCount(long count) {
}
