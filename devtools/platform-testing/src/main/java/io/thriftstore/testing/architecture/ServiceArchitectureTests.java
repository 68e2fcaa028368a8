package io.thriftstore.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The shared architecture rules as JUnit tests. Each service has one subclass, {@code ArchitectureTests} (a name
 * surefire picks up), which names its root package and may add rules of its own:
 * <pre>{@code
 * class ArchitectureTests extends ServiceArchitectureTests {
 *     ArchitectureTests() { super("io.thriftstore.order"); }
 * }
 * }</pre>
 *
 * <p>The rules are plain, never frozen: a violation fails the build the day it is written (issue 18 fixed the ones
 * that were once frozen, and the freezing support went with them).
 */
public abstract class ServiceArchitectureTests {

    private final String servicePackage;

    protected ServiceArchitectureTests(String servicePackage) {
        this.servicePackage = servicePackage;
    }

    /** The service's main classes, imported once per module. */
    protected final JavaClasses mainClasses() {
        return ArchitectureRules.mainClasses(servicePackage);
    }

    @Test
    void noServiceImportsAnother() {
        ArchitectureRules.noOtherService(servicePackage).check(mainClasses());
    }

    @Test
    void mainCodeDoesNotImportDevTimeCode() {
        ArchitectureRules.noDevTimeCode().check(mainClasses());
    }

    @Test
    void controllersDoNotTouchStores() {
        ArchitectureRules.controllersDoNotTouchStores().check(mainClasses());
    }

    @Test
    void servicesAndStoresDoNotDependOnControllers() {
        ArchitectureRules.nothingDependsOnControllers().check(mainClasses());
    }

    @Test
    void storesDoNotDependOnServices() {
        ArchitectureRules.storesDoNotDependOnServices().check(mainClasses());
    }
}
