package io.thriftstore.wschat.chat;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code thriftstore.chat.send-rate.messages} per {@code .period} and user (default 20 per 10 s, the same
 * property names as chat-service's REST send). The STOMP heartbeat is platform-stomp's
 * {@code thriftstore.stomp.heartbeat}.
 */
@Validated
@ConfigurationProperties("thriftstore.chat")
record ChatSocketProperties(@DefaultValue SendRate sendRate) {

    record SendRate(@DefaultValue("20") @Min(1) int messages, @DefaultValue("10s") Duration period) {
    }
}
