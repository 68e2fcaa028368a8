package io.thriftstore.order;

import io.thriftstore.testing.architecture.ServiceArchitectureTests;

/** The platform's shared rules (no other service, no dev-time code, controllers -> services -> stores). */
class ArchitectureTests extends ServiceArchitectureTests {

    /**
     * Frozen (issue 18; main code is not changed here, the violations are stored in src/test/resources/archunit_store):
     * ReviewController reads SellerReviews (a @Repository read model) directly.
     */
    ArchitectureTests() {
        super("io.thriftstore.order", Rule.CONTROLLERS_DO_NOT_TOUCH_STORES);
    }
}
