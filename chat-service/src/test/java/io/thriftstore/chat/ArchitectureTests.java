package io.thriftstore.chat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Stored documents stay inside the service; production code never leans on test servers. */
class ArchitectureTests {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.thriftstore.chat");

    @Test
    void documentsAndControllersAreNotPublic() {
        classes().that().areAnnotatedWith(Document.class).or().areAnnotatedWith(RestController.class)
            .should().notHaveModifier(JavaModifier.PUBLIC)
            .check(PRODUCTION);
    }

    @Test
    void productionCodeDoesNotDependOnTestInfrastructure() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.thriftstore.testing..", "de.bwaldvogel..")
            .check(PRODUCTION);
    }
}
