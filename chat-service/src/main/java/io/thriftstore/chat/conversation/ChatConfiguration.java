package io.thriftstore.chat.conversation;

import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.InstanceGroup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    /** The send rules and per-user budget shared with ws-chat-service's socket sends ({@link SendBudgetListener}). */
    @Bean
    ChatSends chatSends(ChatProperties properties) {
        return new ChatSends(properties.sendRate().messages(), properties.sendRate().period(), Clock.systemUTC());
    }

    /** The send budget must see every send: a consumer group of this instance alone, new at each start. */
    @Bean
    InstanceGroup sendBudgetGroup(Topics topics, @Value("${spring.application.name}") String application) {
        return InstanceGroup.of(topics, application, "send-budget");
    }
}
