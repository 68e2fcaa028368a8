package io.thriftstore.consumer;

import io.thriftstore.testing.architecture.ServiceArchitectureTests;

/** The platform's shared rules (no other service, no dev-time code, controllers -> services -> stores). */
class ArchitectureTests extends ServiceArchitectureTests {

    ArchitectureTests() {
        super("io.thriftstore.consumer");
    }
}
