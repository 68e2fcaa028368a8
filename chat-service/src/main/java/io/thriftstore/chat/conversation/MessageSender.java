package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.MessageText;
import io.thriftstore.platform.chat.MessageIds;
import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.auth.RateLimits;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.RateLimitedException;
import io.thriftstore.platform.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The REST send: the same chat.message-sent as the socket publishes, under the same per-user limit.
 * The message is stored (and numbered) when chat-service reads it back from chat-messages, like every
 * other message, so that both paths give one order.
 */
@Component
class MessageSender {

    private static final Logger log = LoggerFactory.getLogger(MessageSender.class);

    private final EventPublisher publisher;
    private final RateLimits chatSendLimits;

    MessageSender(EventPublisher publisher, RateLimits chatSendLimits) {
        this.publisher = publisher;
        this.chatSendLimits = chatSendLimits;
    }

    MessageResponse send(ConversationId conversation, CurrentUser sender, SendMessageRequest request) {
        String text = MessageText.normalise(request.text());
        MessageText.problem(text).ifPresent(problem -> {
            throw new BadRequestException("text", problem);
        });
        RateLimits.Decision decision = chatSendLimits.tryConsume(sender.id());
        if (!decision.allowed()) {
            throw new RateLimitedException("Too many messages: at most " + chatSendLimits.permits() + " per "
                + chatSendLimits.period().toSeconds() + " s.", decision.retryAfter());
        }
        ChatMessageSent message = new ChatMessageSent(MessageIds.of(conversation.toString(), sender.id(), request.clientMessageId()),
            conversation.toString(), sender.id(), sender.name(), text, Conversations.now(), request.clientMessageId(),
            conversation.otherThan(sender.id()));
        try {
            publisher.publish(EventType.CHAT_MESSAGE_SENT, message).get(15, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("The message could not be sent; try again.");
        }
        catch (ExecutionException | TimeoutException e) {
            log.warn("Publishing chat message {} failed", message.id(), e);
            throw new ServiceUnavailableException("The message could not be sent; try again.");
        }
        return new MessageResponse(message.id(), message.conversationId(), null, message.senderId(), message.senderName(),
            message.text(), message.sentAt(), message.clientMessageId());
    }
}
