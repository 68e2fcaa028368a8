package io.thriftstore.chat.conversation;

import io.thriftstore.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.thriftstore.platform.auth.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/conversations")
@Tag(name = "Conversations", description = "Private chats between two users, their history and inbox")
class ConversationController {

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @PostMapping
    @Operation(summary = "Start (or reopen) the conversation with someone",
        description = "201 the first time, 200 after, always the same conversation. `productId` is the item being "
            + "discussed; the latest one is kept. Chatting with yourself is 400.")
    ResponseEntity<ConversationResponse> start(@Valid @RequestBody StartConversationRequest request, CurrentUser user) {
        ConversationService.Started started = conversations.start(request, user);
        if (!started.created()) {
            return ResponseEntity.ok(started.conversation());
        }
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/conversations/{id}").buildAndExpand(started.conversation().id()).toUri();
        return ResponseEntity.created(location).body(started.conversation());
    }

    @GetMapping
    @Operation(summary = "The caller's inbox, newest activity first", description = "`size` is capped at 100.")
    PagedModel<ConversationResponse> inbox(@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) int size, CurrentUser user) {
        return new PagedModel<>(conversations.inbox(user, page, Paging.size(size)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One conversation", description = "Participants only; anyone else gets 404.")
    ConversationResponse get(@PathVariable String id, CurrentUser user) {
        return conversations.get(id, user);
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "History, by seq cursor",
        description = "The latest `limit` (at most 100) messages before `before`, oldest first; `nextBefore` is the "
            + "cursor for the page before, null at the beginning. Participants only; anyone else gets 404.")
    Conversations.History history(@PathVariable String id,
                                  @RequestParam(required = false) @Min(1) Long before,
                                  @RequestParam(defaultValue = "50") @Min(1) int limit, CurrentUser user) {
        return conversations.history(id, before, Paging.size(limit), user);
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark read up to a seq (default: everything)", description = "Returns the conversation.")
    ConversationResponse markRead(@PathVariable String id, @Valid @RequestBody(required = false) MarkReadRequest request,
                                  CurrentUser user) {
        return conversations.markRead(id, request == null ? null : request.upTo(), user);
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a message (the REST path of the socket's /app/chat.send)",
        description = "202: published; the message is stored and numbered a moment later and reaches both "
            + "participants' sockets. Resending the same `clientMessageId` stores it once. Rate-limited per user.")
    MessageResponse send(@PathVariable String id, @Valid @RequestBody SendMessageRequest request, CurrentUser user) {
        return conversations.send(id, request, user);
    }
}
