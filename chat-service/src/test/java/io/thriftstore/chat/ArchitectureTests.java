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

    /**
     * Frozen (issue 18; main code is not changed here, the violations are stored in src/test/resources/archunit_store):
     * ConversationController calls Conversations (the MongoTemplate store of conversations) directly.
     */
    ArchitectureTests() {
        super("io.thriftstore.chat", Rule.CONTROLLERS_DO_NOT_TOUCH_STORES);
    }

    @Test
    void documentsAndControllersAreNotPublic() {
        classes().that().areAnnotatedWith(Document.class).or().areAnnotatedWith(RestController.class)
            .should().notHaveModifier(JavaModifier.PUBLIC)
            .check(mainClasses());
    }
}
