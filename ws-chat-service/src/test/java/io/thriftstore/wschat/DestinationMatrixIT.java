package io.thriftstore.wschat;

import io.thriftstore.platform.chat.ConversationId;
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
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN section 7 on ws-chat-service, cell by cell: a client SENDs only to {@code /app/chat.send} and
 * SUBSCRIBEs only to its own {@code /user/queue/messages} and {@code /user/queue/errors}. Every other SEND or
 * SUBSCRIBE (to {@code /user/{someone}/...}, to the broker's queues, to topics, without or with an odd
 * destination) gets an ERROR frame, and the victim, connected all along, receives nothing but the messages
 * of people it really chats with.
 */
@WsChatServiceIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DestinationMatrixIT {

    static final TestUser MALLORY = TestUser.named("Mallory");
    static final TestUser VICTOR = TestUser.named("Victor");
    static final TestUser FRIDA = TestUser.named("Frida");

    @LocalServerPort
    int port;

    RawStomp victor;
    RawStomp frida;

    static List<Cell> cells() {
        return new DestinationMatrix("messages", "/app/chat.send").cells(MALLORY.id(), VICTOR.id());
    }

    @BeforeAll
    void connectTheVictimAndAFriendOfBoth() throws Exception {
        victor = connected(VICTOR, "/user/queue/messages");
        frida = connected(FRIDA, "/user/queue/messages");
    }

    @AfterAll
    void disconnect() {
        victor.close();
        frida.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void onlyTheServicesOwnDestinationsAreServedAndNothingReachesAnotherUser(Cell cell) throws Exception {
        victor.clear();
        String forged = "forged " + UUID.randomUUID();
        try (RawStomp mallory = connected(MALLORY, "/user/queue/errors")) {
            mallory.send(cell.frameText("cell", chatSend(ConversationId.between(MALLORY.id(), FRIDA.id()), forged)));

            if (served(cell)) {
                assertServed(cell, mallory, forged);
            }
            else {
                assertThat(mallory.refused(Duration.ofSeconds(10))).as(mallory.describe()).isTrue();
                assertThat(mallory.frames()).as("refused with an ERROR frame").anyMatch(frame -> frame.startsWith("ERROR"));
            }
        }

        // The frame of a real friend travels through Kafka: once it is here, anything Mallory's frame caused is too.
        String control = "control " + UUID.randomUUID();
        frida.send(RawStomp.sendFrame("/app/chat.send", chatSend(ConversationId.between(FRIDA.id(), VICTOR.id()), control)));
        victor.awaitMessage(frame -> frame.contains(control), Duration.ofSeconds(30));
        assertThat(victor.messages()).as("what Victor received").noneMatch(frame -> frame.contains(forged) || frame.contains(MALLORY.id()));
    }

    private static boolean served(Cell cell) {
        return cell.addressee() == Addressee.OWN
            && (cell.frame() == Frame.SEND ? cell.destination().equals("/app/chat.send") : cell.destination().equals("/user/queue/messages"));
    }

    /** A served SEND reaches the conversation's other member; a served SUBSCRIBE receives the client's own messages. */
    private void assertServed(Cell cell, RawStomp mallory, String forged) {
        if (cell.frame() == Frame.SEND) {
            frida.awaitMessage(frame -> frame.contains(forged), Duration.ofSeconds(30));
        }
        else {
            String reply = "reply " + UUID.randomUUID();
            frida.send(RawStomp.sendFrame("/app/chat.send", chatSend(ConversationId.between(FRIDA.id(), MALLORY.id()), reply)));
            assertThat(mallory.awaitMessage(frame -> frame.contains(reply), Duration.ofSeconds(30))).contains("subscription:cell");
        }
        assertThat(mallory.wasRefused()).as(mallory.describe()).isFalse();
    }

    private RawStomp connected(TestUser user, String queue) throws Exception {
        RawStomp stomp = RawStomp.connect(URI.create("ws://localhost:" + port + "/ws"), user.token());
        return stomp.send(RawStomp.subscribeFrame("own", queue));
    }

    private static String chatSend(ConversationId conversation, String text) {
        return "{\"conversationId\":\"" + conversation + "\",\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":\"" + text + "\"}";
    }
}
