package io.thriftstore.platform.stomp;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Refuses a STOMP frame whose {@code content-length} announces more than the message size limit
 * ({@code WebSocketTransportRegistration.setMessageSizeLimit}, 64 KiB by default) as soon as its
 * headers arrive.
 * <p>
 * Spring's {@code BufferingStompDecoder} compares the announced length with the limit only when the
 * next chunk of the same session arrives; a client that announces 999,999,999 bytes and sends no
 * more is left waiting for ever, holding a session. Spring offers no switch for this, so each
 * {@link StompSubProtocolHandler} gets a decoder that checks the headers of an incomplete frame at
 * once; the refusal then takes Spring's usual path (an ERROR frame, then the socket closes).
 * Installed for every service by {@link StompAutoConfiguration}, nothing to wire.
 */
final class AnnouncedLengthLimit implements SmartInitializingSingleton {

    private final ListableBeanFactory beans;

    AnnouncedLengthLimit(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** After every singleton exists: the STOMP handler is added to its socket handler while the handler mapping is built. */
    @Override
    public void afterSingletonsInstantiated() {
        for (WebSocketHandler handler : beans.getBeansOfType(WebSocketHandler.class, false, false).values()) {
            WebSocketHandler unwrapped = handler instanceof WebSocketHandlerDecorator decorator ? decorator.getLastHandler() : handler;
            if (unwrapped instanceof SubProtocolWebSocketHandler subProtocols) {
                for (SubProtocolHandler protocol : subProtocols.getProtocolHandlers()) {
                    if (protocol instanceof StompSubProtocolHandler stomp) {
                        stomp.setDecoder(new Decoder(stomp.getMessageSizeLimit()));
                    }
                }
            }
        }
    }

    /** Spring's decoder, plus the check of an incomplete frame's announced length. */
    static final class Decoder extends StompDecoder {

        private final int limit;

        Decoder(int limit) {
            this.limit = limit;
        }

        @Override
        public List<Message<byte[]>> decode(ByteBuffer buffer, MultiValueMap<String, String> partialMessageHeaders) {
            List<Message<byte[]>> complete = super.decode(buffer, partialMessageHeaders);
            // Spring fills these headers only when the last frame in the buffer is incomplete.
            Integer announced = partialMessageHeaders == null ? null : StompHeaderAccessor.getContentLength(partialMessageHeaders);
            if (announced != null && announced > limit) {
                throw new StompConversionException("STOMP content-length " + announced + " exceeds the limit of " + limit + " bytes");
            }
            return complete;
        }
    }
}
