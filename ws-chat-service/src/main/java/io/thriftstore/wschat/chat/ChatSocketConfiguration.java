package io.thriftstore.wschat.chat;

import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.stomp.StompDestinations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import java.time.Clock;

/**
 * What is chat's own on the socket: the destinations clients may use, the send rules, and frames kept in order.
 * The endpoint {@code /ws} (no SockJS), Spring's simple broker (each instance delivers to the sessions it holds;
 * Kafka carries every message to every instance, {@link LiveDelivery}), heartbeats
 * ({@code thriftstore.stomp.heartbeat}), authentication, destination rules, the socket cap and buffers, session
 * expiry and the per-instance push group are platform-stomp's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatSocketProperties.class)
class ChatSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private final ChatSocketProperties properties;

    ChatSocketConfiguration(ChatSocketProperties properties) {
        this.properties = properties;
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

    /** A chat is read in order: one session's SENDs are handled in the order they came. */
    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.setPreserveReceiveOrder(true);
    }

    /** Frames to one session are written in the order they were sent to it. */
    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setPreservePublishOrder(true);
    }
}
