package io.thriftstore.product;

import io.thriftstore.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring context of this module's integration tests: the service on a random port against the
 * real MongoDB and Kafka servers, with a recorder of everything it publishes. Every test class uses
 * exactly this annotation, so the context (and its servers) start once per test JVM; tests keep apart
 * by using their own sellers and order ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // The tests write much faster than a person; the limit itself is platform-commons' to test.
    "thriftstore.rate-limit.writes-per-minute=100000",
    // Small enough for ImageLifecycleIT to reach with three 5 MB uploads.
    "thriftstore.product.images.storage-per-seller=12MB",
    "spring.kafka.producer.properties.linger.ms=0",
    // An outage of a few seconds is then long enough for the relay to give up on a pass and send again.
    "thriftstore.product.relay.send-timeout=2s",
    // Writes wake the relay; the pass on this interval is only the fallback (and the retry after an outage).
    // Long here, so that an event seen within a second or two was sent by the wake, not by a pass.
    "thriftstore.product.relay.interval=10s",
    // Holds whose order never shows up on order-events are given back within seconds here (2 minutes by default).
    "thriftstore.product.hold.timeout=3s",
    "thriftstore.product.hold.check-interval=500ms",
    "thriftstore.product.hold.service-key=" + ProductServiceIT.SERVICE_KEY,
    "logging.level.org.apache.kafka=WARN",
    "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"})
@RealInfrastructure
@Import({PublishedEvents.class, Orders.class})
public @interface ProductServiceIT {

    /** What order-service sends in {@code Thriftstore-Service-Key} to hold stock. */
    String SERVICE_KEY = "test-service-key";
}
