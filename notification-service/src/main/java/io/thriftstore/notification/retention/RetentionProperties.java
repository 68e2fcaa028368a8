package io.thriftstore.notification.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code thriftstore.notifications.*}: notifications older than {@code retention} are deleted,
 * checked every {@code retentionInterval}.
 */
@ConfigurationProperties("thriftstore.notifications")
public record RetentionProperties(@DefaultValue("90d") Duration retention, @DefaultValue("1h") Duration retentionInterval) {
}
