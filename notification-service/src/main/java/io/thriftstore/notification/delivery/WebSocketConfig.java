package io.thriftstore.notification.delivery;

import java.util.List;

import io.thriftstore.platform.auth.stomp.StompAuthentication;
import io.thriftstore.platform.auth.stomp.StompCurrentUserArgumentResolver;
import io.thriftstore.platform.auth.stomp.StompDestinations;
import io.thriftstore.platform.auth.stomp.StompErrors;
import io.thriftstore.platform.auth.stomp.StompSessions;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.web.AllowedOrigins;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP at {@code /ws} (DESIGN section 7): CONNECT authenticated by the platform, the only
 * subscription served is {@code /user/queue/notifications}, sessions closed after their token expires.
 */
@Configuration
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    static final String USER_DESTINATION = "/queue/notifications";

    private final StompAuthentication auth;
    private final StompSessions sessions;
    private final StompErrors errors;
    private final AllowedOrigins origins;

    WebSocketConfig(StompAuthentication auth, StompSessions sessions, StompErrors errors, AllowedOrigins origins) {
        this.auth = auth;
        this.sessions = sessions;
        this.errors = errors;
        this.origins = origins;
    }

    /** Static: StompAuthentication (which this configuration needs) is built from it. */
    @Bean
    static StompDestinations notificationDestinations() {
        return StompDestinations.subscribe("/user" + USER_DESTINATION);
    }

    /** Every instance must see every notification, because the user's sockets may be on any of them. */
    @Bean
    InstanceGroup pushGroup(Topics topics, @Value("${spring.application.name}") String application) {
        return InstanceGroup.of(topics, application, "push");
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOrigins(origins.toArray());
        registry.setErrorHandler(errors);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue");
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(auth);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(sessions);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new StompCurrentUserArgumentResolver());
    }
}
