package io.thriftstore.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest non-multipart request body accepted (413 beyond; multipart uploads keep their own limits,
 * {@code spring.servlet.multipart.*}, set by the service that takes them), and how many requests a service handles
 * at once (503 beyond, {@link InFlightLimitFilter}).
 */
@ConfigurationProperties("thriftstore.web")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("256") int maxInFlight) {

    public WebLimitsProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("thriftstore.web.max-in-flight must be at least 1, not " + maxInFlight);
        }
    }
}
