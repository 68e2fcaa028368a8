package io.thriftstore.platform.stomp;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Tomcat's buffers per WebSocket, the bulk of a socket's heap: 8 KiB each by default (frame input, frame
 * output, encoder, binary message, socket read and write) plus an 8 Ki-char text message buffer, about
 * 64 KiB per socket before Spring keeps anything (docs/PERFORMANCE.md, "Idle sockets"). All of them are
 * allocated when the socket opens and kept while it is open, idle or not. Here each is
 * {@code thriftstore.stomp.buffer-size} (default 2 KiB), without limiting what a client may send:
 * <ul>
 * <li>STOMP handlers take partial WebSocket messages ({@link #partialMessages()}): Tomcat hands on a
 * message in buffer-sized parts instead of refusing one that does not fit its text buffer, and Spring's
 * STOMP decoder already joins parts into frames up to the message size limit (64 KiB). Tomcat never splits
 * a character across two parts.</li>
 * <li>Frames larger than the input or output buffer are read and written in several passes; a message
 * larger than the output buffer goes out as a fragmented WebSocket message, which every client joins.</li>
 * </ul>
 * The frame, output and encoder buffers can only be set through Tomcat's JVM-wide system property
 * {@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}, read once when Tomcat's WebSocket classes load:
 * {@link TomcatWebSocketBufferSize} sets it before the server starts, unless the JVM was given it. Being JVM-wide,
 * it is also the default text buffer of Tomcat WebSocket <em>clients</em> in the same JVM (tests): give
 * such a client's container a larger {@code setDefaultMaxTextMessageBufferSize} if it receives larger messages.
 */
final class StompSocketBuffers {

    private StompSocketBuffers() {
    }

    /**
     * Lets every STOMP handler take partial messages (see the class comment for why that is safe), and puts
     * the message buffers back to {@code size} after Spring's STOMP handler raised the text buffer to
     * 16 KiB + 256 chars (33 KiB of heap per socket; it does so for clients that split frames at 16 KiB,
     * which partial messages handle without it). Tomcat resizes the buffer when the next message starts.
     */
    static WebSocketHandlerDecoratorFactory partialMessages(int size) {
        return handler -> new WebSocketHandlerDecorator(handler) {
            @Override
            public boolean supportsPartialMessages() {
                return true;
            }

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                super.afterConnectionEstablished(session);
                session.setTextMessageSizeLimit(size);
                session.setBinaryMessageSizeLimit(size);
            }
        };
    }

    static int bytes(DataSize size) {
        return TomcatWebSocketBufferSize.bytes(size);
    }
}
