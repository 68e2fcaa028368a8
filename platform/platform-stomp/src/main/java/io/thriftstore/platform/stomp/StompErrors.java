package io.thriftstore.platform.stomp;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * ERROR frames that say why a frame was refused without telling a client about the server's
 * insides. Spring's default handler copies any exception's message into the frame, so a
 * garbage command came back as "No enum constant org.springframework...". Refusals made by
 * {@link StompAuthentication} keep their words; anything else becomes a generic message.
 * Register it with {@code registry.setErrorHandler(stompErrors)} in {@code registerStompEndpoints}.
 */
public class StompErrors extends StompSubProtocolErrorHandler {

    static final String MALFORMED = "Malformed or unsupported STOMP frame";

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        Throwable reason = ex instanceof Refusal ? ex : new MessageDeliveryException(MALFORMED);
        return super.handleClientMessageProcessingError(clientMessage, reason);
    }

    /** A frame refused on purpose; its message is meant for the client. */
    public static final class Refusal extends MessageDeliveryException {
        public Refusal(Message<?> message, String description) {
            super(message, description);
        }
    }
}
