package io.thriftstore.testing.architecture;

import java.util.EnumSet;
import java.util.Set;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
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
 * <p>A rule that the service breaks today is named in the constructor ({@code super(pkg, Rule.X)}): it is then
 * checked as a {@link FreezingArchRule}. The violations it had when frozen are stored in
 * {@code src/test/resources/archunit_store} of the module and tolerated; any new one fails the build, and a fixed one
 * drops out of the store on the next run (commit that change). Create or extend a store on purpose with
 * {@code -Darchunit.freeze.store.default.allowStoreCreation=true} / {@code -Darchunit.freeze.refreeze=true}.
 */
public abstract class ServiceArchitectureTests {

    /** The shared rules, for naming those a service freezes. */
    public enum Rule {
        NO_OTHER_SERVICE, NO_DEV_TIME_CODE, CONTROLLERS_DO_NOT_TOUCH_STORES, NOTHING_DEPENDS_ON_CONTROLLERS,
        STORES_DO_NOT_DEPEND_ON_SERVICES
    }

    static {
        // Relative to the module: surefire runs each module's tests in its base directory.
        ArchConfiguration configuration = ArchConfiguration.get();
        if (!configuration.containsProperty("freeze.store.default.path")) {
            configuration.setProperty("freeze.store.default.path", "src/test/resources/archunit_store");
        }
    }

    private final String servicePackage;
    private final Set<Rule> frozen;

    protected ServiceArchitectureTests(String servicePackage, Rule... frozen) {
        this.servicePackage = servicePackage;
        this.frozen = frozen.length == 0 ? EnumSet.noneOf(Rule.class) : EnumSet.of(frozen[0], frozen);
    }

    /** The service's main classes, imported once per module. */
    protected final JavaClasses mainClasses() {
        return ArchitectureRules.mainClasses(servicePackage);
    }

    @Test
    void noServiceImportsAnother() {
        check(Rule.NO_OTHER_SERVICE, ArchitectureRules.noOtherService(servicePackage));
    }

    @Test
    void mainCodeDoesNotImportDevTimeCode() {
        check(Rule.NO_DEV_TIME_CODE, ArchitectureRules.noDevTimeCode());
    }

    @Test
    void controllersDoNotTouchStores() {
        check(Rule.CONTROLLERS_DO_NOT_TOUCH_STORES, ArchitectureRules.controllersDoNotTouchStores());
    }

    @Test
    void servicesAndStoresDoNotDependOnControllers() {
        check(Rule.NOTHING_DEPENDS_ON_CONTROLLERS, ArchitectureRules.nothingDependsOnControllers());
    }

    @Test
    void storesDoNotDependOnServices() {
        check(Rule.STORES_DO_NOT_DEPEND_ON_SERVICES, ArchitectureRules.storesDoNotDependOnServices());
    }

    private void check(Rule name, ArchRule rule) {
        (frozen.contains(name) ? FreezingArchRule.freeze(rule) : rule).check(mainClasses());
    }
}
