package io.thriftstore.wishlist;

import io.thriftstore.testing.TestTokens;

/** A signed-in user: the id is what the token says, nothing else. */
public record TestUser(String id, String name) {

    public String bearer() {
        return TestTokens.bearer(id, name);
    }
}
