package io.thriftstore.platform.stomp;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.auth.DisplayNames;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.AntPathMatcher;

import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;

/**
 * Authenticates STOMP on the client inbound channel (DESIGN section 7): CONNECT must carry
 * {@code Authorization: Bearer <JWT>}, verified by the same {@link JwtDecoder} as HTTP; the session's
 * user is then the token's subject ({@link Principal#getName()} = user id, so {@code /user/...}
 * destinations reach the right people) and {@link #currentUser(Principal)} gives the display name too.
 * Frames are refused with an ERROR frame (then the socket is closed) when the token is missing or
 * bad, when anything but CONNECT comes first, on SUBSCRIBE to a destination the service does not serve,
 * and on SEND to anything but the service's own application destinations (both from its
 * {@link StompDestinations}). No CSRF token is involved: the bearer token is the proof.
 * <p>
 * The ERROR frame is sent here, on the client outbound channel, and the refused frame is dropped,
 * rather than thrown as an exception for Spring to answer: with
 * {@code setPreserveReceiveOrder(true)} (ws-chat keeps each session's sends in order) Spring's
 * ordered channel logs an interceptor's exception and answers nothing.
 */
public class StompAuthentication implements ChannelInterceptor {

    private static final String BEARER = "bearer ";

    private final JwtDecoder jwtDecoder;
    private final DisplayNames displayNames;
    private final List<String> subscribable;
    private final List<String> sendable;
    private final StompSessions sessions;
    private final Supplier<MessageChannel> clientOutbound;
    private final AntPathMatcher matcher = new AntPathMatcher();

    /**
     * @param clientOutbound Spring's {@code clientOutboundChannel}, looked up when first needed (it is
     *                       created by the messaging configuration that this interceptor is part of)
     */
    public StompAuthentication(JwtDecoder jwtDecoder, DisplayNames displayNames, List<StompDestinations> destinations,
                               StompSessions sessions, Supplier<MessageChannel> clientOutbound) {
        this.jwtDecoder = jwtDecoder;
        this.displayNames = displayNames;
        this.subscribable = destinations.stream().flatMap(d -> d.subscribe().stream()).toList();
        this.sendable = destinations.stream().flatMap(d -> d.send().stream()).toList();
        this.sessions = sessions;
        this.clientOutbound = clientOutbound;
    }

    /** The user of a STOMP session (e.g. a {@code @MessageMapping} method's {@code Principal}). */
    public static CurrentUser currentUser(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token && token.getDetails() instanceof CurrentUser user) {
            return user;
        }
        throw new IllegalStateException("The STOMP session is not authenticated by StompAuthentication");
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getMessageType() == null) {
            return message;
        }
        try {
            check(accessor, message);
            return message;
        }
        catch (StompErrors.Refusal refusal) {
            refuse(accessor, refusal.getMessage());
            return null;
        }
    }

    private void check(StompHeaderAccessor accessor, Message<?> message) {
        SimpMessageType type = accessor.getMessageType();
        if (type == SimpMessageType.CONNECT) {
            authenticate(accessor, message);
            return;
        }
        if (type == SimpMessageType.HEARTBEAT || type == SimpMessageType.DISCONNECT) {
            return;
        }
        if (accessor.getUser() == null) {
            throw new StompErrors.Refusal(message, "Not connected: send CONNECT with a bearer token first");
        }
        if (type == SimpMessageType.SUBSCRIBE && !allowed(subscribable, accessor.getDestination())) {
            throw new StompErrors.Refusal(message, "Unknown destination: " + accessor.getDestination());
        }
        // A client SEND: only to the service's own application destinations. Anything else, /user/{someone}/...
        // or a broker queue above all, would put a frame of the sender's making into another user's session.
        if (type == SimpMessageType.MESSAGE && !allowed(sendable, accessor.getDestination())) {
            throw new StompErrors.Refusal(message, "Clients may not send to " + accessor.getDestination());
        }
    }

    /** An ERROR frame to the session; Spring closes the socket after sending it. */
    private void refuse(StompHeaderAccessor refused, String why) {
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(why);
        error.setSessionId(refused.getSessionId());
        if (refused.getReceipt() != null) {
            error.setReceiptId(refused.getReceipt());
        }
        clientOutbound.get().send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
    }

    private void authenticate(StompHeaderAccessor accessor, Message<?> message) {
        String header = accessor.getFirstNativeHeader("Authorization");
        if (header == null) {
            header = accessor.getFirstNativeHeader("authorization");
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new StompErrors.Refusal(message, "Missing bearer token: send 'Authorization: Bearer <token>' in CONNECT");
        }
        Jwt jwt;
        try {
            jwt = jwtDecoder.decode(header.substring(BEARER.length()).strip());
        }
        catch (JwtException e) {
            throw new StompErrors.Refusal(message, "Invalid bearer token");
        }
        CurrentUser user = displayNames.currentUser(jwt);
        JwtAuthenticationToken authentication = new JwtAuthenticationToken(jwt, List.of(), user.id());
        authentication.setDetails(user);
        accessor.setUser(authentication);
        sessions.expiresAt(accessor.getSessionId(), jwt.getExpiresAt());
    }

    private boolean allowed(List<String> patterns, String destination) {
        return destination != null && !destination.contains("..") && !destination.contains("//")
            && patterns.stream().anyMatch(pattern -> matcher.match(pattern, destination));
    }
}
