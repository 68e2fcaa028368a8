package io.thriftstore.launcher;

import java.nio.file.Path;
import java.time.Duration;

import io.thriftstore.devtools.tokens.DevTokens;

/**
 * The local run's signing key pair under {@code .data/dev-keys/}: services trust the public
 * half, the dashboard's dev route and {@code ./thriftstore token} sign with the private half.
 */
final class DevKeys {

    private DevKeys() {
    }

    /** The key pair under {@code data/dev-keys}, created on first use. */
    static DevTokens in(Path data) {
        return DevTokens.loadOrCreate(data.resolve("dev-keys"));
    }

    /** The dashboard's origin for a platform started at this port offset: dev tokens carry it as {@code azp}. */
    static String dashboardOrigin(int offset) {
        return "http://localhost:" + (3000 + offset);
    }

    static String mint(Path data, int offset, String userId, String displayName, Duration ttl) {
        DevTokens.Claims claims = DevTokens.Claims.of(userId).ttl(ttl).azp(dashboardOrigin(offset));
        if (displayName != null) {
            claims = claims.name(displayName);
        }
        return in(data).sign(claims);
    }
}
