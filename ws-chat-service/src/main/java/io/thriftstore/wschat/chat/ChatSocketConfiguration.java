package io.thriftstore.wschat.chat;

import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.auth.stomp.StompAuthentication;
import io.thriftstore.platform.auth.stomp.StompCurrentUserArgumentResolver;
import io.thriftstore.platform.auth.stomp.StompDestinations;
import io.thriftstore.platform.auth.stomp.StompErrors;
import io.thriftstore.platform.auth.stomp.StompSessions;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.web.AllowedOrigins;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import java.time.Clock;
import java.util.List;

/**
 * STOMP at {@code /ws} (no SockJS) with Spring's simple broker: each instance delivers to the sessions it
 * holds, so no broker relay is needed; Kafka carries every message to every instance ({@link LiveDelivery}).
 * Authentication, the subscription allow-list and closing sessions after token expiry are platform-commons'.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@EnableConfigurationProperties(ChatSocketProperties.class)
class ChatSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private final StompAuthentication authentication;
    private final StompSessions sessions;
    private final StompErrors errors;
    private final AllowedOrigins origins;
    private final ChatSocketProperties properties;
    private final TaskScheduler heartbeats;

    /** Heartbeats run on the scheduler the messaging configuration defines ({@code @Lazy}: it is created after this). */
    ChatSocketConfiguration(StompAuthentication authentication, StompSessions sessions, StompErrors errors,
                            AllowedOrigins origins,
                            ChatSocketProperties properties,
                            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeats) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.errors = errors;
        this.origins = origins;
        this.properties = properties;
        this.heartbeats = heartbeats;
    }

    @Bean
    static StompDestinations chatDestinations() {
        return StompDestinations.subscribe("/user/queue/messages", "/user/queue/errors").andSend("/app/chat.send");
    }

    /**
     * The send rules and per-user budget shared with chat-service's REST send: each instance counts its own sends
     * and, through {@link LiveDelivery}, everyone else's read from chat-messages.
     */
    @Bean
    ChatSends chatSends() {
        return new ChatSends(properties.sendRate().messages(), properties.sendRate().period(), Clock.systemUTC());
    }

    /** Every instance must see every message: its own consumer group, new at each start. */
    @Bean
    InstanceGroup liveDeliveryGroup(Topics topics, @Value("${spring.application.name}") String application) {
        return InstanceGroup.of(topics, application, "live");
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOrigins(origins.toArray());
        registry.setErrorHandler(errors);
        // A chat is read in order: one session's SENDs are handled in the order they came.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        long heartbeat = properties.heartbeat().toMillis();
        registry.enableSimpleBroker("/queue")
            .setHeartbeatValue(new long[] {heartbeat, heartbeat})
            .setTaskScheduler(heartbeats);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // Frames to one session are written in the order they were sent to it.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authentication);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(sessions);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
        argumentResolvers.add(new StompCurrentUserArgumentResolver());
    }
}
