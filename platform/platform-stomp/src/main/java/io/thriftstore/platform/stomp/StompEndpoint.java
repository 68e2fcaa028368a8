package io.thriftstore.platform.stomp;

import io.thriftstore.platform.web.AllowedOrigins;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.config.SimpleBrokerRegistration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import java.util.List;

/**
 * The STOMP set-up both socket services share (DESIGN section 7): the endpoint {@value #PATH} (no SockJS) for the
 * allowed origins, with {@link StompErrors}; Spring's simple broker on {@code /queue} (each instance delivers to the
 * sessions it holds, Kafka brings every record to every instance, so no broker relay), {@code /app} for the
 * service's own destinations and {@code /user} for one user's sessions; {@link StompAuthentication} on every
 * inbound frame; a {@code CurrentUser} parameter for {@code @MessageMapping} methods; and every socket decorated
 * with, in this order, the token-expiry sweep ({@link StompSessions}), the socket cap ({@link StompSessionLimit})
 * and partial messages with small buffers ({@link StompSocketBuffers}).
 * <p>
 * Heartbeats both ways every {@code thriftstore.stomp.heartbeat} when it is positive (off by default), on the
 * scheduler of Spring's messaging configuration. A service adds what is its own in a further
 * {@link WebSocketMessageBrokerConfigurer} (ws-chat keeps each session's frames in order); the endpoint and the
 * broker are registered here only.
 */
final class StompEndpoint implements WebSocketMessageBrokerConfigurer {

    /** Fixed by DESIGN section 7; the socket cap's filter and the public endpoints name it too. */
    static final String PATH = "/ws";

    private final StompAuthentication authentication;
    private final StompSessions sessions;
    private final StompSessionLimit limit;
    private final StompErrors errors;
    private final AllowedOrigins origins;
    private final StompProperties properties;
    private final TaskScheduler heartbeats;

    /** @param heartbeats a lazy reference: Spring's messaging configuration creates the scheduler after this */
    StompEndpoint(StompAuthentication authentication, StompSessions sessions, StompSessionLimit limit, StompErrors errors,
                  AllowedOrigins origins, StompProperties properties, TaskScheduler heartbeats) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.limit = limit;
        this.errors = errors;
        this.origins = origins;
        this.properties = properties;
        this.heartbeats = heartbeats;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(PATH).setAllowedOrigins(origins.toArray());
        registry.setErrorHandler(errors);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        SimpleBrokerRegistration broker = registry.enableSimpleBroker("/queue");
        long heartbeat = properties.heartbeat().toMillis();
        if (heartbeat > 0) {
            broker.setHeartbeatValue(new long[] {heartbeat, heartbeat}).setTaskScheduler(heartbeats);
        }
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authentication);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(sessions);
        registration.addDecoratorFactory(limit);
        registration.addDecoratorFactory(StompSocketBuffers.partialMessages(StompSocketBuffers.bytes(properties.bufferSize())));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
        argumentResolvers.add(new StompCurrentUserArgumentResolver());
    }
}
