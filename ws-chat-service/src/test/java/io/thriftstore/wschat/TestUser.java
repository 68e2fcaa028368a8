package io.thriftstore.wschat;

import io.thriftstore.testing.TestTokens;

import java.util.UUID;

/** A user of one test: a fresh id, so that tests sharing the database never see each other's listings. */
public record TestUser(String id, String name) {

    public static TestUser named(String name) {
        return new TestUser("user_" + name.toLowerCase().replace(' ', '_') + "_" + UUID.randomUUID().toString().substring(0, 8), name);
    }

    public String bearer() {
        return TestTokens.bearer(id, name);
    }

    /** The token alone, for a STOMP CONNECT header written by hand. */
    public String token() {
        return TestTokens.token(id, name);
    }
}
