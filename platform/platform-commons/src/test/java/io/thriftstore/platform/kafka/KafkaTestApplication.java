package io.thriftstore.platform.kafka;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest service: platform-commons' auto-configuration and nothing else (listeners come from the tests). */
@SpringBootApplication
class KafkaTestApplication {
}
