package io.thriftstore.chat;

import io.thriftstore.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring context of this module's integration tests: the service on a random port against the
 * real MongoDB and Kafka servers. Every test class uses exactly this annotation, so the context starts
 * once per test JVM; tests keep apart by using their own users. The chat send limit keeps its default
 * (20 per 10 s), so that the tests see the limit users get.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // The platform's general write limit is platform-commons' to test; the chat limit is ours.
    "thriftstore.rate-limit.writes-per-minute=100000",
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
public @interface ChatServiceIT {
}
