package io.thriftstore.wschat.chat;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.kafka.EventPublisher;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;


/**
 * {@code SEND /app/chat.send}: the send rules and the per-user budget shared with chat-service's REST send
 * ({@link ChatSends}: membership read from the conversation id, text, rate), then chat.message-sent is published
 * keyed by the conversation. Delivery, the sender's acknowledgement included, comes back through Kafka
 * ({@link LiveDelivery}), so that every participant's session sees the same frame once, on whichever instance it is.
 */
@Controller
class ChatSendController {


    private final EventPublisher publisher;
    private final ChatSends sends;

    ChatSendController(EventPublisher publisher, ChatSends sends) {
        this.publisher = publisher;
        this.sends = sends;
    }

    @MessageMapping("/chat.send")
    void send(@Payload SendMessage send, CurrentUser sender) {
        String clientMessageId = send.clientMessageId();
        ChatSends.Outcome outcome = sends.accept(send.conversationId(), sender, clientMessageId, send.text());
        if (outcome instanceof ChatSends.Outcome.Invalid invalid) {
            throw SendRefused.invalid(clientMessageId, invalid.field(), invalid.message());
        }
        if (outcome instanceof ChatSends.Outcome.RateLimited limited) {
            throw SendRefused.rateLimited(clientMessageId, limited.detail(), limited.retryAfter());
        }
        if (!(outcome instanceof ChatSends.Outcome.Accepted accepted)) {
            throw SendRefused.notFound(clientMessageId);
        }
        if (!sends.publish(publisher, accepted.message())) {
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
