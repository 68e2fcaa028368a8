package io.thriftstore.testing.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service in miniature: JDBC, Kafka (producer and listener), MongoDB and actuator, as the real ones have. */
@SpringBootApplication
class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
