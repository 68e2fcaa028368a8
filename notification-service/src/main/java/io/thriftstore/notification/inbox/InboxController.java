package io.thriftstore.notification.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.thriftstore.platform.web.Paging;
import io.thriftstore.platform.auth.CurrentUser;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's inbox (DESIGN section 5); a user only ever sees and changes their own notifications. */
@RestController
class InboxController {

    private final InboxService inbox;

    InboxController(InboxService inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/notifications")
    PagedModel<NotificationResponse> list(@RequestParam(defaultValue = "false") boolean unreadOnly,
                                          @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) int size,
                                          CurrentUser user) {
        return new PagedModel<>(inbox.page(user.id(), unreadOnly, page, Paging.size(size)));
    }

    @GetMapping("/api/notifications/unread-count")
    UnreadCount unreadCount(CurrentUser user) {
        return new UnreadCount(inbox.unreadCount(user.id()));
    }

    /** 404 for an id that is not the caller's ({@link InboxService#markRead}). */
    @PostMapping("/api/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable String id, CurrentUser user) {
        inbox.markRead(user.id(), id);
    }

    @PostMapping("/api/notifications/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void readAll(CurrentUser user) {
        inbox.markAllRead(user.id());
    }
}
