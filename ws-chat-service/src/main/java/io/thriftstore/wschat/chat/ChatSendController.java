package io.thriftstore.wschat.chat;

import io.thriftstore.platform.chat.MessageText;
import io.thriftstore.platform.chat.MessageIds;
import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.auth.RateLimits;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code SEND /app/chat.send}: membership is read from the conversation id (no lookup), the text and the
 * per-user rate are checked, and chat.message-sent is published keyed by the conversation. Delivery,
 * the sender's acknowledgement included, comes back through Kafka ({@link LiveDelivery}), so that every
 * participant's session sees the same frame once, on whichever instance it is.
 */
@Controller
class ChatSendController {

    static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 100;

    private static final Logger log = LoggerFactory.getLogger(ChatSendController.class);

    private final EventPublisher publisher;
    private final RateLimits chatSendLimits;

    ChatSendController(EventPublisher publisher, RateLimits chatSendLimits) {
        this.publisher = publisher;
        this.chatSendLimits = chatSendLimits;
    }

    @MessageMapping("/chat.send")
    void send(@Payload SendMessage send, CurrentUser sender) {
        String clientMessageId = send.clientMessageId();
        ConversationId conversation = ConversationId.parse(send.conversationId())
            .filter(id -> id.hasParticipant(sender.id()))
            .orElseThrow(() -> SendRefused.notFound(clientMessageId));
        if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
            throw SendRefused.invalid(clientMessageId, "clientMessageId", "must be 1.." + MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
        }
        String text = MessageText.normalise(send.text());
        MessageText.problem(text).ifPresent(problem -> {
            throw SendRefused.invalid(clientMessageId, "text", problem);
        });
        RateLimits.Decision decision = chatSendLimits.tryConsume(sender.id());
        if (!decision.allowed()) {
            throw SendRefused.rateLimited(clientMessageId, chatSendLimits.permits(), chatSendLimits.period(), decision.retryAfter());
        }
        ChatMessageSent message = new ChatMessageSent(MessageIds.of(conversation.toString(), sender.id(), clientMessageId), conversation.toString(),
            sender.id(), sender.name(), text, Instant.now().truncatedTo(ChronoUnit.MILLIS), clientMessageId,
            conversation.otherThan(sender.id()));
        try {
            // Waiting for the broker's ack (a few ms with linger.ms=0) lets the sender hear of a failure
            // on its error queue instead of never getting its acknowledgement.
            publisher.publish(EventType.CHAT_MESSAGE_SENT, message).get(15, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SendRefused.unavailable(clientMessageId);
        }
        catch (ExecutionException | TimeoutException e) {
            log.warn("Publishing chat message {} failed", message.id(), e);
            throw SendRefused.unavailable(clientMessageId);
        }
    }

    /** Only to the session that sent it (broadcast = false): the user's other tabs did not send it. */
    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    SendRefused.Problem refused(SendRefused refused) {
        return refused.problem();
    }

    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    SendRefused.Problem unreadable(MessageConversionException unreadable) {
        return SendRefused.malformed().problem();
    }
}
