package io.thriftstore.wschat;

import io.thriftstore.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring context of this module's integration tests: the gateway on a random port against the
 * real Kafka broker. Its send limit is raised for the 500-message burst; the limit itself is tested on a
 * second instance with a small one. Sessions close as soon as their token expires (no grace), checked
 * every 200 ms, so that expiry is testable in seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "thriftstore.chat.send-rate.messages=10000",
    "thriftstore.stomp.expiry-grace=0s",
    "thriftstore.stomp.sweep-interval=200ms",
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
public @interface WsChatServiceIT {
}
