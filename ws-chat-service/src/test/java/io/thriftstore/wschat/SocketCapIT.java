package io.thriftstore.wschat;

import io.thriftstore.platform.stomp.StompSessionLimit;
import io.thriftstore.testing.TestInfrastructure;
import io.thriftstore.testing.WebSocketUpgrade;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A socket flood must not kill the gateway: an instance capped at 3 sockets refuses the 4th upgrade with
 * 503, and the sockets already open keep chatting. The instance is a second application context with
 * {@code thriftstore.stomp.max-sessions=3}, so the module's shared context keeps its default cap.
 */
@WsChatServiceIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketCapIT {

    @Autowired
    TestInfrastructure infrastructure;

    ConfigurableApplicationContext capped;
    int port;
    final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    void startAnInstanceCappedAtThreeSockets() {
        capped = new SpringApplicationBuilder(WsChatServiceApplication.class).run(infrastructure.secondInstanceArguments(
            "--thriftstore.stomp.max-sessions=3"));
        port = ((WebServerApplicationContext) capped).getWebServer().getPort();
        await().atMost(Duration.ofSeconds(60)).until(() -> capped.getBean(KafkaListenerEndpointRegistry.class)
            .getListenerContainers().stream().allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
    }

    @AfterAll
    void stop() {
        capped.close();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(ChatClient::close);
        clients.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> capped.getBean(StompSessionLimit.class).openSessions() == 0);
    }

    @Test
    void anUpgradePastTheCapIsRefusedWith503AndTheOpenSocketsStillChat() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        ChatClient aliceSocket = connect(alice);
        ChatClient bobSocket = connect(bob);
        connect(TestUser.named("Carol"));

        WebSocketUpgrade.Answer refused = WebSocketUpgrade.to(port, "/ws");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":503", "/problems/service-unavailable", "maximum of 3 sockets");

        String conversation = alice.id().compareTo(bob.id()) < 0 ? alice.id() + ":" + bob.id() : bob.id() + ":" + alice.id();
        aliceSocket.send(conversation, "c-1", "Still there?");
        Map<String, Object> received = bobSocket.awaitMessages(1).get(0);
        assertThat(received).containsEntry("text", "Still there?").containsEntry("senderId", alice.id());
        assertThat(aliceSocket.awaitMessages(1).get(0)).containsEntry("clientMessageId", "c-1");
    }

    @Test
    void aClosedSocketMakesRoomForTheNextUpgrade() {
        connect(TestUser.named("Alice"));
        connect(TestUser.named("Bob"));
        ChatClient carol = connect(TestUser.named("Carol"));
        assertThat(WebSocketUpgrade.to(port, "/ws").status()).isEqualTo(503);

        carol.close();
        clients.remove(carol);

        await().atMost(Duration.ofSeconds(10)).until(() -> WebSocketUpgrade.to(port, "/ws").status() == 101);
    }

    /**
     * A frame larger than the socket's 2 KiB buffers (2,000 two-byte characters) still arrives whole: the
     * gateway reads it in parts.
     */
    @Test
    void aMessageLargerThanTheSocketBuffersArrivesWhole() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        ChatClient aliceSocket = connect(alice);
        ChatClient bobSocket = connect(bob);
        String text = "é€".repeat(1000);

        String conversation = alice.id().compareTo(bob.id()) < 0 ? alice.id() + ":" + bob.id() : bob.id() + ":" + alice.id();
        aliceSocket.send(conversation, "c-long", text);

        assertThat(bobSocket.awaitMessages(1).get(0)).containsEntry("text", text);
        assertThat(aliceSocket.errors).isEmpty();
    }

    private ChatClient connect(TestUser user) {
        ChatClient client = ChatClient.connect(port, user);
        clients.add(client);
        // Both subscriptions registered before anything is sent to this user.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var simpUser = capped.getBean(org.springframework.messaging.simp.user.SimpUserRegistry.class).getUser(user.id());
            return simpUser != null && simpUser.getSessions().stream().mapToInt(s -> s.getSubscriptions().size()).sum() == 2;
        });
        return client;
    }
}
