package io.thriftstore.notification;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.thriftstore.testing.RealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context of this module's integration tests: the service on a random port against
 * real MongoDB and Kafka. Every test class uses exactly this annotation, so it starts once per JVM;
 * tests keep apart with their own users.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "thriftstore.rate-limit.writes-per-minute=100000",
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
public @interface NotificationServiceIT {
}
