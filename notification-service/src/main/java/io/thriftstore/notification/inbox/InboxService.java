package io.thriftstore.notification.inbox;

import io.thriftstore.platform.web.NotFoundException;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

/**
 * The caller's inbox (DESIGN section 5): a user only ever sees and changes their own notifications, and someone
 * else's id is answered as if it did not exist. {@link InboxController} maps HTTP onto it, {@link Inbox} stores.
 */
@Service
class InboxService {

    private final Inbox inbox;

    InboxService(Inbox inbox) {
        this.inbox = inbox;
    }

    Page<NotificationResponse> page(String userId, boolean unreadOnly, int page, int size) {
        return inbox.page(userId, unreadOnly, page, size);
    }

    long unreadCount(String userId) {
        return inbox.unreadCount(userId);
    }

    /** 404 for an id that is not the user's: nobody learns that someone else's notification exists. */
    void markRead(String userId, String id) {
        if (!inbox.markRead(userId, id)) {
            throw new NotFoundException("No notification " + id);
        }
    }

    void markAllRead(String userId) {
        inbox.markAllRead(userId);
    }
}
