package io.thriftstore.product;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.thriftstore.testing.architecture.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * The platform's shared rules (no other service, no dev-time code, controllers -> services -> stores), and: stored
 * documents stay inside their feature; clients and other packages see records only.
 */
class ArchitectureTests extends ServiceArchitectureTests {

    ArchitectureTests() {
        super("io.thriftstore.product");
    }

    @Test
    void documentsAndControllersAreNotPublic() {
        classes().that().areAnnotatedWith(Document.class).or().areAnnotatedWith(RestController.class)
            .should().notHaveModifier(JavaModifier.PUBLIC)
            .check(mainClasses());
    }

    @Test
    void noPublicMethodHandsOutADocument() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .should().notHaveRawReturnType(DescribedPredicate.describe("a document",
                type -> type.isAnnotatedWith(Document.class)))
            .check(mainClasses());
    }
}
