package io.thriftstore.notification;

import io.thriftstore.testing.CaughtUp;
import io.thriftstore.testing.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.events.Topics;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.testing.TestInfrastructure;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static io.thriftstore.notification.Notifications.notice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, a user with a socket on each: every notification is stored once and
 * shown once on each open session, whichever instance holds it; nobody sees another user's.
 */
@NotificationServiceIT
class TwoInstancesIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext firstInstance;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    EventPublisher publisher;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Topics topics;

    ConfigurableApplicationContext secondInstance;
    int secondPort;

    @BeforeEach
    void startASecondInstance() {
        secondInstance = new SpringApplicationBuilder(io.thriftstore.notification.NotificationServiceApplication.class).run(infrastructure.secondInstanceArguments());
        secondPort = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
    }

    @AfterEach
    void stopTheSecondInstance() {
        secondInstance.close();
    }

    @Test
    void eachNotificationIsStoredOnceAndShownOnceOnEverySessionOfItsUserOnly() throws Exception {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        awaitPushListenersAssigned(firstInstance);
        awaitPushListenersAssigned(secondInstance);

        try (StompUser aliceOnFirst = StompUser.connect(port, alice);
             StompUser aliceOnSecond = StompUser.connect(secondPort, alice);
             StompUser bobOnFirst = StompUser.connect(port, bob)) {
            awaitSubscribed(firstInstance, alice, 1);
            awaitSubscribed(secondInstance, alice, 1);
            awaitSubscribed(firstInstance, bob, 1);

            List<NotificationCreated> forAlice = List.of(notice(alice, "Lamp", Instant.now()),
                notice(alice, "Chair", Instant.now()), notice(alice, "Table", Instant.now()));
            NotificationCreated forBob = notice(bob, "Bike", Instant.now());
            forAlice.forEach(notice -> Notifications.publish(publisher, notice));
            Notifications.publish(publisher, forBob);
            List<Object> aliceIds = forAlice.stream().map(n -> (Object) n.notificationId()).toList();

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                aliceOnFirst.frames().size() >= 3 && aliceOnSecond.frames().size() >= 3 && !bobOnFirst.frames().isEmpty());
            // Both push groups have processed everything: a duplicate frame would be here by now.
            String notifications = topics.name(Topics.NOTIFICATION_EVENTS);
            CaughtUp.await(infrastructure.kafkaBootstrapServers(), List.of(notifications), pushGroup(firstInstance));
            CaughtUp.await(infrastructure.kafkaBootstrapServers(), List.of(notifications), pushGroup(secondInstance));

            assertThat(aliceOnFirst.frameIds()).containsExactlyInAnyOrderElementsOf(aliceIds);
            assertThat(aliceOnSecond.frameIds()).containsExactlyInAnyOrderElementsOf(aliceIds);
            assertThat(bobOnFirst.frameIds()).containsExactly(forBob.notificationId());
            assertThat(aliceOnFirst.frames().get(0)).containsKeys("id", "type", "title", "body", "link", "createdAt", "read");
        }
        assertThat(mongo.count(Query.query(Criteria.where("userId").is(alice.id())), "notifications")).isEqualTo(3);
        Api onSecond = new Api(secondPort);
        assertThat(onSecond.get("/api/notifications", alice.bearer()).json().path("page").path("totalElements").asLong()).isEqualTo(3);
        assertThat(new Api(port).get("/api/notifications/unread-count", bob.bearer()).json().path("count").asLong()).isEqualTo(1);
    }

    private static MessageListenerContainer pushContainer(ApplicationContext context) {
        return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("notification-push");
    }

    private static String pushGroup(ApplicationContext context) {
        return pushContainer(context).getGroupId();
    }

    /** The push group starts at the latest offset: only what is published after its assignment reaches sockets. */
    private static void awaitPushListenersAssigned(ApplicationContext context) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var assigned = pushContainer(context).getAssignedPartitions();
            return assigned != null && assigned.size() == 3;
        });
    }

    private static void awaitSubscribed(ApplicationContext context, TestUser user, int subscriptions) {
        SimpUserRegistry users = context.getBean(SimpUserRegistry.class);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
            users.getUser(user.id()) != null && users.getUser(user.id()).getSessions().stream()
                .mapToInt(session -> session.getSubscriptions().size()).sum() >= subscriptions);
    }
}
