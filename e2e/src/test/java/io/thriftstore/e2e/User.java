package io.thriftstore.e2e;

import java.util.UUID;

/** A person of a journey: a fresh id per test run (so runs never see each other's data) and a dev token. */
record User(String id, String name, String token) {

    static User named(String name) {
        String id = "user_" + name.toLowerCase() + "_" + UUID.randomUUID().toString().substring(0, 8);
        return new User(id, name, Platform.token(id, name));
    }
}
