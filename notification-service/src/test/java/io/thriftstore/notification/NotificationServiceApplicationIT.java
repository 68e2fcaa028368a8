package io.thriftstore.notification;

import io.thriftstore.testing.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against real MongoDB and Kafka, reports healthy and documents its API. */
@NotificationServiceIT
class NotificationServiceApplicationIT {

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${spring.kafka.consumer.group-id}")
    String serviceGroup;

    @Test
    void startsHealthyAndServesItsApiDocs() {
        Api api = new Api(port);
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/notifications/unread-count")).isTrue();
    }

    /** Operators (and the fault drills) rewind or inspect the inbox's consumption under the service's own group. */
    @Test
    void storesFromTheServicesOwnConsumerGroup() {
        assertThat(serviceGroup).endsWith("notification-service");
        assertThat(listeners.getListenerContainer("notification-store").getGroupId()).isEqualTo(serviceGroup);
    }
}
