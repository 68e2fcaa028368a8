package io.thriftstore.platform.web.testapp;

import io.thriftstore.platform.auth.stomp.StompAuthentication;
import io.thriftstore.platform.auth.stomp.StompCurrentUserArgumentResolver;
import io.thriftstore.platform.auth.stomp.StompSessions;
import io.thriftstore.platform.web.AllowedOrigins;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import java.util.List;

/** The wiring documented in the module README, verbatim. */
@Configuration
@EnableWebSocketMessageBroker
class SampleWebSocketConfig implements WebSocketMessageBrokerConfigurer {

    private final StompAuthentication stompAuthentication;
    private final StompSessions stompSessions;
    private final AllowedOrigins allowedOrigins;

    SampleWebSocketConfig(StompAuthentication stompAuthentication, StompSessions stompSessions, AllowedOrigins allowedOrigins) {
        this.stompAuthentication = stompAuthentication;
        this.stompSessions = stompSessions;
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOrigins(allowedOrigins.toArray());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue");
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(stompAuthentication);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(stompSessions);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
        argumentResolvers.add(new StompCurrentUserArgumentResolver());
    }
}
