package io.thriftstore.chat.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code thriftstore.chat.send-rate.messages} per {@code .period} and user (default 20 per 10 s): the
 * same limit as ws-chat-service applies to sends over the socket (DESIGN section 7).
 */
@Validated
@ConfigurationProperties("thriftstore.chat")
record ChatProperties(@DefaultValue SendRate sendRate) {

    record SendRate(@DefaultValue("20") @Min(1) int messages, @DefaultValue("10s") Duration period) {
    }
}
