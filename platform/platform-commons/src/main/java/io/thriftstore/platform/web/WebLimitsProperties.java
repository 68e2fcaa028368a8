package io.thriftstore.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest non-multipart request body accepted (413 beyond). Multipart uploads keep their own
 * limits ({@code spring.servlet.multipart.*}), set by the service that takes them.
 */
@ConfigurationProperties("thriftstore.web")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
