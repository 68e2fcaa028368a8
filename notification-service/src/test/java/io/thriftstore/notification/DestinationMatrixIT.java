package io.thriftstore.notification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.testing.stomp.DestinationMatrix;
import io.thriftstore.testing.stomp.DestinationMatrix.Addressee;
import io.thriftstore.testing.stomp.DestinationMatrix.Cell;
import io.thriftstore.testing.stomp.DestinationMatrix.Frame;
import io.thriftstore.testing.stomp.RawStomp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN section 7 on notification-service, cell by cell: a client may only SUBSCRIBE to its own
 * {@code /user/queue/notifications}; it has nothing to SEND. Every SEND (a forged notification into
 * {@code /user/{someone}/queue/notifications} above all) and every other SUBSCRIBE gets an ERROR frame, and
 * the victim, connected all along, receives only what consumer-service addressed to it.
 */
@NotificationServiceIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DestinationMatrixIT {

    static final TestUser MALLORY = TestUser.named("Mallory");
    static final TestUser VICTOR = TestUser.named("Victor");

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    RawStomp victor;

    static List<Cell> cells() {
        return new DestinationMatrix("notifications", "/app/notifications").cells(MALLORY.id(), VICTOR.id());
    }

    @BeforeAll
    void connectTheVictim() throws Exception {
        victor = connected(VICTOR);
    }

    @AfterAll
    void disconnect() {
        victor.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void onlyTheOwnNotificationQueueIsServedAndNothingReachesAnotherUser(Cell cell) throws Exception {
        victor.clear();
        String forged = "forged " + UUID.randomUUID();
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_SHIPPED\",\"title\":\"" + forged
            + "\",\"body\":\"Click here\",\"link\":\"https://evil.example/\",\"read\":false}";
        try (RawStomp mallory = RawStomp.connect(ws(), MALLORY.token())) {
            mallory.send(cell.frameText("cell", body));

            if (cell.frame() == Frame.SUBSCRIBE && cell.addressee() == Addressee.OWN && cell.destination().equals("/user/queue/notifications")) {
                String own = "own " + UUID.randomUUID();
                Notifications.publish(publisher, Notifications.notice(MALLORY, own, Instant.now()));
                assertThat(mallory.awaitMessage(frame -> frame.contains(own), Duration.ofSeconds(30))).contains("subscription:cell");
                assertThat(mallory.wasRefused()).as(mallory.describe()).isFalse();
            }
            else {
                assertThat(mallory.refused(Duration.ofSeconds(10))).as(mallory.describe()).isTrue();
                assertThat(mallory.frames()).as("refused with an ERROR frame").anyMatch(frame -> frame.startsWith("ERROR"));
            }
        }

        // A real notice travels through Kafka: once it is here, anything Mallory's frame caused is too.
        String control = "control " + UUID.randomUUID();
        NotificationCreated notice = Notifications.notice(VICTOR, control, Instant.now());
        Notifications.publish(publisher, notice);
        victor.awaitMessage(frame -> frame.contains(control), Duration.ofSeconds(30));
        assertThat(victor.messages()).as("what Victor received").noneMatch(frame -> frame.contains(forged));
    }

    private RawStomp connected(TestUser user) throws Exception {
        return RawStomp.connect(ws(), user.token()).send(RawStomp.subscribeFrame("own", "/user/queue/notifications"));
    }

    private URI ws() {
        return URI.create("ws://localhost:" + port + "/ws");
    }
}
