package io.thriftstore.consumer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.thriftstore.testing.RealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of this module's integration tests: the service on a random port against
 * real PostgreSQL and Kafka, plus a reader of notification-events. Every test class uses exactly this
 * annotation, so the context starts once per JVM; tests keep apart with their own users and ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.producer.properties.linger.ms=0",
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
@Import({Told.class, Events.class})
public @interface ConsumerServiceIT {
}
