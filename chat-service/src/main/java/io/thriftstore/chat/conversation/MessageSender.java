package io.thriftstore.chat.conversation;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.RateLimitedException;
import io.thriftstore.platform.web.ServiceUnavailableException;
import org.springframework.stereotype.Component;


/**
 * The REST send: the same rules, budget and chat.message-sent as the socket's ({@link ChatSends}). The message
 * is stored (and numbered) when chat-service reads it back from chat-messages, like every other message, so
 * that both paths give one order.
 */
@Component
class MessageSender {


    private final EventPublisher publisher;
    private final ChatSends sends;

    MessageSender(EventPublisher publisher, ChatSends sends) {
        this.publisher = publisher;
        this.sends = sends;
    }

    MessageResponse send(ConversationId conversation, CurrentUser sender, SendMessageRequest request) {
        ChatSends.Outcome outcome = sends.accept(conversation.toString(), sender, request.clientMessageId(), request.text());
        if (outcome instanceof ChatSends.Outcome.Invalid invalid) {
            throw new BadRequestException(invalid.field(), invalid.message());
        }
        if (outcome instanceof ChatSends.Outcome.RateLimited limited) {
            throw new RateLimitedException(limited.detail(), limited.retryAfter());
        }
        if (!(outcome instanceof ChatSends.Outcome.Accepted accepted)) {
            throw new NotFoundException("No such conversation.");
        }
        ChatMessageSent message = accepted.message();
        if (!sends.publish(publisher, message)) {
            throw new ServiceUnavailableException("The message could not be sent; try again.");
        }
        return new MessageResponse(message.id(), message.conversationId(), null, message.senderId(), message.senderName(),
            message.text(), message.sentAt(), message.clientMessageId());
    }
}
