package io.thriftstore.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Where the resource server's key comes from. Exactly one of {@code publicKeyLocation} (a PEM, e.g.
 * {@code file:.data/dev-keys/public.pem} or Clerk's PEM) and {@code jwkSetUri} (Clerk's JWKS URL) is
 * needed; {@code issuer}, when set, must equal the token's {@code iss}. {@code enabled=false} turns the
 * whole auth auto-configuration off (for test contexts that serve no API).
 */
@ConfigurationProperties("thriftstore.auth")
public record AuthProperties(@DefaultValue("true") boolean enabled, Resource publicKeyLocation, String jwkSetUri,
                             String issuer) {
}
