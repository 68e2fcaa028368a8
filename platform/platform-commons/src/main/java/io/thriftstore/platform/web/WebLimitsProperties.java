package io.thriftstore.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The largest non-multipart request body accepted (413 beyond; multipart uploads keep their own limits,
 * {@code spring.servlet.multipart.*}, set by the service that takes them), and how many requests a service handles
 * at once and how long the next wait for a slot (503 beyond, {@link InFlightLimitFilter}).
 */
@ConfigurationProperties("thriftstore.web")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("256") int maxInFlight,
                                  @DefaultValue("1s") Duration inFlightWait) {

    public WebLimitsProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("thriftstore.web.max-in-flight must be at least 1, not " + maxInFlight);
        }
        if (inFlightWait.isNegative()) {
            throw new IllegalArgumentException("thriftstore.web.in-flight-wait must not be negative, not " + inFlightWait);
        }
    }
}
