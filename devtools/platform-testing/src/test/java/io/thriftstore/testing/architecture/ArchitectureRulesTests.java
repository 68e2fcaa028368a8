package io.thriftstore.testing.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared rules catch what they are meant to catch, and only that: each is run against the make-believe service in
 * {@code io.thriftstore.order.archfixture}, whose "Good*" classes keep the shape and "Bad*" classes each break one rule.
 */
class ArchitectureRulesTests {

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("io.thriftstore.order.archfixture");

    @Test
    void aServiceImportingAnotherServiceIsCaught() {
        assertThat(violators(ArchitectureRules.noOtherService("io.thriftstore.order"))).containsExactly("BadOtherService");
    }

    @Test
    void onlyTheSevenServicesHaveABoundary() {
        assertThatThrownBy(() -> ArchitectureRules.noOtherService("io.thriftstore.orders"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void devTokensDltReplayAndTestHelpersInMainCodeAreCaughtButRuntimeAuthIsNot() {
        assertThat(violators(ArchitectureRules.noDevTimeCode()))
            .containsExactlyInAnyOrder("BadDevTokens", "BadDltReplay", "BadTestHelper");
    }

    @Test
    void aControllerHoldingATemplateOrAStoreComponentIsCaught() {
        assertThat(violators(ArchitectureRules.controllersDoNotTouchStores()))
            .containsExactlyInAnyOrder("BadControllerWithTemplate", "BadControllerWithStoreComponent");
    }

    @Test
    void aServiceLookingBackAtAControllerIsCaughtButItsAdviceIsNot() {
        assertThat(violators(ArchitectureRules.nothingDependsOnControllers())).containsExactly("BadServiceLookingBack");
    }

    @Test
    void aStoreCallingAServiceIsCaught() {
        assertThat(violators(ArchitectureRules.storesDoNotDependOnServices())).containsExactly("BadStoreCallingAService");
    }

    /** The simple names of the fixture classes the rule reports, once each. */
    private static List<String> violators(ArchRule rule) {
        return rule.evaluate(FIXTURE).getFailureReport().getDetails().stream()
            .map(line -> line.replaceFirst("^\\w+ <io\\.thriftstore\\.order\\.archfixture\\.(\\w+).*$", "$1"))
            .distinct()
            .toList();
    }
}
