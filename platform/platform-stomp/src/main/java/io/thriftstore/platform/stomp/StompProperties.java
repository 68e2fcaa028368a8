package io.thriftstore.platform.stomp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * A STOMP session is closed {@code expiryGrace} after its token's {@code exp}; sessions are checked
 * every {@code sweepInterval}. Clients then reconnect with a fresh token and catch up over REST.
 * <p>
 * {@code maxSessions}: the sockets one instance holds at most; further WebSocket upgrades are refused with
 * 503 ({@link StompSessionLimit}). {@code bufferSize}: each of Tomcat's per-socket buffers
 * ({@link StompSocketBuffers}); it bounds memory per socket, not the size of a STOMP frame.
 * <p>
 * {@code heartbeat}: STOMP heart-beats both ways at this interval, so dead sockets are noticed and idle proxies keep
 * the connection; {@code 0} (the default) agrees on none.
 */
@ConfigurationProperties("thriftstore.stomp")
public record StompProperties(@DefaultValue("5m") Duration expiryGrace, @DefaultValue("30s") Duration sweepInterval,
                              @DefaultValue("5000") int maxSessions, @DefaultValue("2KB") DataSize bufferSize,
                              @DefaultValue("0s") Duration heartbeat) {
}
