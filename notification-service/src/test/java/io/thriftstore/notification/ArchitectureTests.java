package io.thriftstore.notification;

import io.thriftstore.testing.architecture.ServiceArchitectureTests;

/** The platform's shared rules (no other service, no dev-time code, controllers -> services -> stores). */
class ArchitectureTests extends ServiceArchitectureTests {

    /**
     * Frozen (issue 18; main code is not changed here, the violations are stored in src/test/resources/archunit_store):
     * InboxController calls Inbox (the MongoTemplate store of notifications) directly.
     */
    ArchitectureTests() {
        super("io.thriftstore.notification", Rule.CONTROLLERS_DO_NOT_TOUCH_STORES);
    }
}
