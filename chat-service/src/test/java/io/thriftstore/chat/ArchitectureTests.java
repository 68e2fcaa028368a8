package io.thriftstore.chat;

import com.tngtech.archunit.core.domain.JavaModifier;
import io.thriftstore.testing.architecture.ServiceArchitectureTests;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The platform's shared rules (no other service, no dev-time code, controllers -> services -> stores), and: stored
 * documents stay inside the service.
 */
class ArchitectureTests extends ServiceArchitectureTests {

    ArchitectureTests() {
        super("io.thriftstore.chat");
    }

    @Test
    void documentsAndControllersAreNotPublic() {
        classes().that().areAnnotatedWith(Document.class).or().areAnnotatedWith(RestController.class)
            .should().notHaveModifier(JavaModifier.PUBLIC)
            .check(mainClasses());
    }
}
