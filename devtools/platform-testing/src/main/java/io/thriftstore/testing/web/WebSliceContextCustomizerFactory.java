package io.thriftstore.testing.web;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.thriftstore.testing.TestTokens;

/**
 * Registered in {@code META-INF/spring.factories}: a {@link WebSliceTest} trusts the dev tokens of
 * {@link TestTokens}, whose key is made at run time (so a {@code @TestPropertySource} cannot name it).
 */
class WebSliceContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WebSliceTest.class) ? new TrustTestTokens() : null;
    }

    /** All equal, so that Spring's context cache treats slices of the same controllers as one context. */
    static final class TrustTestTokens implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("webSliceTest", Map.of(
                "thriftstore.auth.mode", "dev",
                "thriftstore.auth.public-key-location", TestTokens.publicKeyLocation())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TrustTestTokens;
        }

        @Override
        public int hashCode() {
            return TrustTestTokens.class.hashCode();
        }
    }
}
