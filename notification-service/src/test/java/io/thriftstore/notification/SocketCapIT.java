package io.thriftstore.notification;

import io.thriftstore.platform.stomp.StompSessionLimit;
import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.testing.TestInfrastructure;
import io.thriftstore.testing.WebSocketUpgrade;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import java.time.Duration;
import java.time.Instant;

import static io.thriftstore.notification.Notifications.notice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket flood must not kill the service: an instance capped at 2 sockets refuses the 3rd upgrade with
 * 503 (problem+json, Retry-After), and a socket already open still gets its notifications pushed. A second
 * application context carries the cap, so the module's shared context keeps its default.
 */
@NotificationServiceIT
class SocketCapIT {

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    EventPublisher publisher;

    ConfigurableApplicationContext capped;
    int port;

    @BeforeEach
    void startAnInstanceCappedAtTwoSockets() {
        capped = new SpringApplicationBuilder(NotificationServiceApplication.class).run(infrastructure.secondInstanceArguments(
            "--thriftstore.stomp.max-sessions=2"));
        port = ((WebServerApplicationContext) capped).getWebServer().getPort();
    }

    @AfterEach
    void stop() {
        capped.close();
    }

    @Test
    void anUpgradePastTheCapIsRefusedWith503AndAnOpenSocketStillGetsItsNotifications() throws Exception {
        TestUser alice = TestUser.named("Alice");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var assigned = capped.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("notification-push")
                .getAssignedPartitions();
            return assigned != null && !assigned.isEmpty();
        });
        try (StompUser aliceSocket = StompUser.connect(port, alice);
             StompUser bobSocket = StompUser.connect(port, TestUser.named("Bob"))) {
            SimpUserRegistry users = capped.getBean(SimpUserRegistry.class);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> users.getUser(alice.id()) != null
                && users.getUser(alice.id()).getSessions().stream().mapToInt(s -> s.getSubscriptions().size()).sum() == 1);

            WebSocketUpgrade.Answer refused = WebSocketUpgrade.to(port, "/ws");

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"status\":503", "/problems/service-unavailable", "maximum of 2 sockets");
            assertThat(capped.getBean(StompSessionLimit.class).refusedUpgrades()).isEqualTo(1);

            NotificationCreated notice = notice(alice, "Lamp", Instant.now());
            Notifications.publish(publisher, notice);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !aliceSocket.frames().isEmpty());
            assertThat(aliceSocket.frameIds()).containsExactly(notice.notificationId());
        }
    }
}
