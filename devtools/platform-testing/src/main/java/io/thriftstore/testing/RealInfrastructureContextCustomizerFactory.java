package io.thriftstore.testing;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Registered in {@code META-INF/spring.factories}: Spring's TestContext framework asks it for every test
 * class, so {@link RealInfrastructure} composes with {@code @SpringBootTest} and any slice annotation.
 */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    static final String JDBC_SUPPORT = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
    static final String MONGO_SUPPORT = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration";
    static final String KAFKA_SUPPORT = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        RealInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, RealInfrastructure.class);
        if (annotation == null) {
            return null;
        }
        ClassLoader classLoader = testClass.getClassLoader();
        return new RealInfrastructureContextCustomizer(new RealInfrastructureContextCustomizer.Servers(
                annotation.postgres() && ClassUtils.isPresent(JDBC_SUPPORT, classLoader),
                annotation.kafka() && ClassUtils.isPresent(KAFKA_SUPPORT, classLoader),
                annotation.mongo() && ClassUtils.isPresent(MONGO_SUPPORT, classLoader)));
    }
}
