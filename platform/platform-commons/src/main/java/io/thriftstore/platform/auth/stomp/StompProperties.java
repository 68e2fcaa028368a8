package io.thriftstore.platform.auth.stomp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * A STOMP session is closed {@code expiryGrace} after its token's {@code exp}; sessions are checked
 * every {@code sweepInterval}. Clients then reconnect with a fresh token and catch up over REST.
 */
@ConfigurationProperties("thriftstore.stomp")
public record StompProperties(@DefaultValue("5m") Duration expiryGrace, @DefaultValue("30s") Duration sweepInterval) {
}
