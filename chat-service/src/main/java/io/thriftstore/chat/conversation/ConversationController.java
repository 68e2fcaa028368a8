package io.thriftstore.chat.conversation;

import io.thriftstore.platform.web.Paging;
import io.thriftstore.platform.chat.ConversationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.NotFoundException;
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

    private final Conversations conversations;
    private final MessageSender sender;

    ConversationController(Conversations conversations, MessageSender sender) {
        this.conversations = conversations;
        this.sender = sender;
    }

    @PostMapping
    @Operation(summary = "Start (or reopen) the conversation with someone",
        description = "201 the first time, 200 after, always the same conversation. `productId` is the item being "
            + "discussed; the latest one is kept. Chatting with yourself is 400.")
    ResponseEntity<ConversationResponse> start(@Valid @RequestBody StartConversationRequest request, CurrentUser user) {
        if (request.participantId().equals(user.id())) {
            throw new BadRequestException("participantId", "must be someone other than yourself");
        }
        ConversationId id = ConversationId.between(user.id(), request.participantId());
        boolean created = conversations.start(id, user, request.productId());
        ConversationResponse body = conversations.response(conversations.find(id).orElseThrow(), user.id());
        if (!created) {
            return ResponseEntity.ok(body);
        }
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/conversations/{id}").buildAndExpand(id.toString()).toUri();
        return ResponseEntity.created(location).body(body);
    }

    @GetMapping
    @Operation(summary = "The caller's inbox, newest activity first", description = "`size` is capped at 100.")
    PagedModel<ConversationResponse> inbox(@RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) int size, CurrentUser user) {
        return new PagedModel<>(conversations.inbox(user.id(), page, Paging.size(size))
            .map(conversation -> conversations.response(conversation, user.id())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One conversation", description = "Participants only; anyone else gets 404.")
    ConversationResponse get(@PathVariable String id, CurrentUser user) {
        return conversations.response(existing(member(id, user)), user.id());
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "History, by seq cursor",
        description = "The latest `limit` (at most 100) messages before `before`, oldest first; `nextBefore` is the "
            + "cursor for the page before, null at the beginning. Participants only; anyone else gets 404.")
    Conversations.History history(@PathVariable String id,
                                  @RequestParam(required = false) @Min(1) Long before,
                                  @RequestParam(defaultValue = "50") @Min(1) int limit, CurrentUser user) {
        return conversations.history(member(id, user), before, Paging.size(limit));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark read up to a seq (default: everything)", description = "Returns the conversation.")
    ConversationResponse markRead(@PathVariable String id, @Valid @RequestBody(required = false) MarkReadRequest request,
                                  CurrentUser user) {
        Conversation conversation = existing(member(id, user));
        conversations.markRead(conversation, user.id(), request == null ? null : request.upTo());
        return conversations.response(conversations.find(member(id, user)).orElseThrow(), user.id());
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a message (the REST path of the socket's /app/chat.send)",
        description = "202: published; the message is stored and numbered a moment later and reaches both "
            + "participants' sockets. Resending the same `clientMessageId` stores it once. Rate-limited per user.")
    MessageResponse send(@PathVariable String id, @Valid @RequestBody SendMessageRequest request, CurrentUser user) {
        return sender.send(member(id, user), user, request);
    }

    /** Outsiders and malformed ids get the same 404: nobody learns whether a conversation exists. */
    private static ConversationId member(String id, CurrentUser user) {
        return ConversationId.parse(id).filter(conversation -> conversation.hasParticipant(user.id()))
            .orElseThrow(() -> new NotFoundException("No such conversation."));
    }

    private Conversation existing(ConversationId id) {
        return conversations.find(id).orElseThrow(() -> new NotFoundException("No such conversation."));
    }
}
