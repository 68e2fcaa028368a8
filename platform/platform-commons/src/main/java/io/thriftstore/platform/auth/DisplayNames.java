package io.thriftstore.platform.auth;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * How a verified token's user is named: the token's {@code name} claim when present (dev tokens
 * always have it; with Clerk, add it to the session token template), else Clerk's user API when a
 * Clerk secret key is configured, else the user id. Never fails: a name is cosmetic, the id is not.
 */
public interface DisplayNames {

    String NAME_CLAIM = "name";

    /** The display name of the token's subject. */
    String of(Jwt jwt);

    default CurrentUser currentUser(Jwt jwt) {
        return new CurrentUser(jwt.getSubject(), of(jwt));
    }

    /** The {@code name} claim, else the id: what is used when no Clerk secret key is configured. */
    static DisplayNames fromClaims() {
        return jwt -> nameClaim(jwt) != null ? nameClaim(jwt) : jwt.getSubject();
    }

    /** The trimmed {@code name} claim, or {@code null} when it is absent or blank. */
    static String nameClaim(Jwt jwt) {
        Object name = jwt.getClaims().get(NAME_CLAIM);
        if (name instanceof String text && !text.isBlank()) {
            return text.strip();
        }
        return null;
    }
}
