package io.thriftstore.launcher;

import java.nio.file.Path;
import java.time.Duration;

import io.thriftstore.platform.auth.dev.DevTokens;

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

    static String mint(Path data, String userId, String displayName, Duration ttl) {
        DevTokens.Claims claims = DevTokens.Claims.of(userId).ttl(ttl);
        if (displayName != null) {
            claims = claims.name(displayName);
        }
        return in(data).sign(claims);
    }
}
