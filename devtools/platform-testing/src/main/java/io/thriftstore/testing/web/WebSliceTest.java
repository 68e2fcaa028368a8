package io.thriftstore.testing.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;

import io.thriftstore.platform.auth.AuthAutoConfiguration;
import io.thriftstore.platform.web.WebProblemsAutoConfiguration;

/**
 * A {@code @WebMvcTest} of one service's controllers with the platform's real web layer around them: the
 * problem+json mapping, the bearer-token filter chain (trusting {@link io.thriftstore.testing.TestTokens}),
 * {@code CurrentUser} parameters and the write limit, exactly as the services run them. No Kafka, no database:
 * the application services behind the controllers are {@code @MockitoBean}s of the test.
 *
 * <pre>{@code
 * @WebSliceTest(WishlistController.class)
 * class WishlistControllerTests {
 *     @Autowired MockMvc mvc;
 *     @MockitoBean Wishlists wishlists;
 * }
 * }</pre>
 *
 * The slice leaves out the platform's other auto-configurations (Kafka, shared rate-limit stores, STOMP,
 * tracing): a controller test that needs one of their beans mocks it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@WebMvcTest
@ImportAutoConfiguration({WebProblemsAutoConfiguration.class, AuthAutoConfiguration.class})
public @interface WebSliceTest {

    /** The controllers under test (all of the service's when empty). */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};

    /** Extra properties, e.g. a service's own limits. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "properties")
    String[] properties() default {};
}
