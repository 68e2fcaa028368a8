package io.thriftstore.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test context real PostgreSQL, Kafka and MongoDB ({@link Infrastructure}), each context
 * isolated from the others on the shared servers:
 *
 * <pre>{@code
 * @SpringBootTest
 * @RealInfrastructure
 * class PlacingAnOrderIT { @Autowired TestInfrastructure infrastructure; ... }
 * }</pre>
 *
 * <p>For each context it sets, with the highest precedence: {@code spring.kafka.bootstrap-servers}; a new
 * PostgreSQL database in {@code spring.datasource.url}, {@code .username}, {@code .password}; a new MongoDB
 * database in {@code spring.mongodb.uri} and {@code spring.mongodb.database}; a unique
 * {@code thriftstore.kafka.topic-prefix} (such as {@code t3f9a1c-}); and
 * {@code thriftstore.auth.public-key-location}, the public key of {@link TestTokens}. The values are in the
 * context as a {@link TestInfrastructure} bean.
 *
 * <p>Each attribute defaults to {@code true}, which means "when the application can use it": PostgreSQL
 * when Spring Boot's JDBC support ({@code spring-boot-jdbc}, e.g. through the JPA or JDBC starter) is on
 * the classpath, MongoDB when {@code spring-boot-mongodb} is, Kafka when {@code spring-boot-kafka} is.
 * {@code false} leaves that server out (and unstarted). Contexts with the same attributes (and otherwise
 * the same configuration) are one cached context and share its databases.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

    boolean postgres() default true;

    boolean kafka() default true;

    boolean mongo() default true;
}
