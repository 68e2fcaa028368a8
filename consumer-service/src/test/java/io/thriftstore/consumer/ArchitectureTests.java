package io.thriftstore.consumer;

import io.thriftstore.testing.architecture.ServiceArchitectureTests;

/** The platform's shared rules (no other service, no dev-time code, controllers -> services -> stores). */
class ArchitectureTests extends ServiceArchitectureTests {

    /**
     * Frozen (issue 18; main code is not changed here, the violations are stored in src/test/resources/archunit_store):
     * SavedSearchController calls SavedSearches (a @Repository that validates a search and runs the SQL) directly.
     */
    ArchitectureTests() {
        super("io.thriftstore.consumer", Rule.CONTROLLERS_DO_NOT_TOUCH_STORES);
    }
}
