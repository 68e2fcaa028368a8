package io.thriftstore.notification;

import java.util.UUID;

import io.thriftstore.testing.TestTokens;

/** A user of one test: a fresh id, so that tests sharing the context never see each other's data. */
record TestUser(String id, String name) {

    static TestUser named(String name) {
        return new TestUser("user_" + name.toLowerCase().replace(' ', '_') + "_" + UUID.randomUUID().toString().substring(0, 8), name);
    }

    String bearer() {
        return TestTokens.bearer(id, name);
    }

    /** The token alone, for a STOMP CONNECT header written by hand. */
    String token() {
        return TestTokens.token(id, name);
    }
}
