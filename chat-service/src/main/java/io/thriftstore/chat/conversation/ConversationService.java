package io.thriftstore.chat.conversation;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.NotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

/**
 * Conversations as their participants see them: nobody chats with themselves, only the two participants see or
 * change a conversation, and to anyone else (or for a malformed id) it does not exist. {@link ConversationController}
 * maps HTTP onto it; {@link Conversations} stores, {@link MessageSender} sends.
 */
@Service
class ConversationService {

    private final Conversations conversations;
    private final MessageSender sender;

    ConversationService(Conversations conversations, MessageSender sender) {
        this.conversations = conversations;
        this.sender = sender;
    }

    /** The conversation as the caller sees it, and whether this call created it. */
    record Started(ConversationResponse conversation, boolean created) {
    }

    /** Starts (or reopens) the caller's conversation with {@code request.participantId()}; 400 for oneself. */
    Started start(StartConversationRequest request, CurrentUser user) {
        if (request.participantId().equals(user.id())) {
            throw new BadRequestException("participantId", "must be someone other than yourself");
        }
        ConversationId id = ConversationId.between(user.id(), request.participantId());
        boolean created = conversations.start(id, user, request.productId());
        return new Started(conversations.response(conversations.find(id).orElseThrow(), user.id()), created);
    }

    /** The caller's conversations, newest activity first. */
    Page<ConversationResponse> inbox(CurrentUser user, int page, int size) {
        return conversations.inbox(user.id(), page, size)
            .map(conversation -> conversations.response(conversation, user.id()));
    }

    ConversationResponse get(String id, CurrentUser user) {
        return conversations.response(existing(member(id, user)), user.id());
    }

    Conversations.History history(String id, Long before, int limit, CurrentUser user) {
        return conversations.history(member(id, user), before, limit);
    }

    /** Marks read up to {@code upTo} (everything when null) and answers the conversation as it is then. */
    ConversationResponse markRead(String id, Long upTo, CurrentUser user) {
        ConversationId member = member(id, user);
        conversations.markRead(existing(member), user.id(), upTo);
        return conversations.response(conversations.find(member).orElseThrow(), user.id());
    }

    MessageResponse send(String id, SendMessageRequest request, CurrentUser user) {
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
