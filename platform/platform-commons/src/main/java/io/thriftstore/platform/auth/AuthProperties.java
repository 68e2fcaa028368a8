package io.thriftstore.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * How bearer tokens are verified (DESIGN section 4, docs/SECURITY.md).
 * <ul>
 *   <li>{@code mode}: {@code dev} trusts the locally generated key ({@code ./thriftstore up}, compose's dev-keys)
 *   and only tokens it issued ({@code iss} {@code thriftstore-dev}); it must be switched on explicitly
 *   ({@code THRIFTSTORE_AUTH_MODE=dev}) and the service warns about it at start. {@code clerk} (what a key
 *   without a mode means) trusts Clerk's key and refuses dev-issued tokens. With no mode and no key the
 *   service refuses to start.</li>
 *   <li>The key: exactly one of {@code publicKeyLocation} (a PEM: the dev key, or Clerk's PEM) and
 *   {@code jwkSetUri} (Clerk's JWKS URL).</li>
 *   <li>{@code issuer}, when set, must equal the token's {@code iss} (dev mode: {@code thriftstore-dev} unless set).</li>
 * </ul>
 * {@code enabled=false} turns the whole auth auto-configuration off (for test contexts that serve no API).
 */
@ConfigurationProperties("thriftstore.auth")
public record AuthProperties(@DefaultValue("true") boolean enabled, Mode mode, Resource publicKeyLocation,
                             String jwkSetUri, String issuer) {

    /**
     * The {@code iss} of every token the dev tooling signs (devtools/dev-tokens' {@code DevTokens}): dev mode
     * expects it, Clerk mode refuses it. Written here as well as in DevTokens, so no service jar needs the module
     * that holds the dev signing code (and DevTokens stays plain Java, without this module's Spring stack);
     * AuthModeTests checks that the two agree.
     */
    public static final String DEV_ISSUER = "thriftstore-dev";

    public enum Mode { DEV, CLERK }
}
