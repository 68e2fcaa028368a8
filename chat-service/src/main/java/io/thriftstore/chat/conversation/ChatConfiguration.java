package io.thriftstore.chat.conversation;

import io.thriftstore.platform.auth.RateLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration {

    /** Per instance, like the socket's limit; a user's sends reach one instance per request. */
    @Bean
    RateLimits chatSendLimits(ChatProperties properties) {
        return new RateLimits(properties.sendRate().messages(), properties.sendRate().period());
    }
}
