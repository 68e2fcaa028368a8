package io.thriftstore.wschat;

import io.thriftstore.testing.TestInfrastructure;
import io.thriftstore.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import java.nio.charset.StandardCharsets;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.kafka.EventPublisher;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway instances on one broker, as behind a load balancer: instance A is the test's context,
 * instance B a second application context on its own port with the same topic prefix and a small send
 * limit (5 per minute). Real STOMP clients connect to either.
 */
@WsChatServiceIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatGatewayIT {

    @LocalServerPort
    int portA;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    ApplicationContext instanceA;

    ConfigurableApplicationContext instanceB;
    int portB;
    final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    void startASecondInstance() {
        // Arguments, so that they win over application.properties as the environment would in production.
        instanceB = new SpringApplicationBuilder(WsChatServiceApplication.class).run(infrastructure.secondInstanceArguments(
            "--thriftstore.chat.send-rate.messages=5",
            "--thriftstore.chat.send-rate.period=1m"));
        portB = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
        // Live delivery starts at the latest offset: wait until both instances read chat-messages.
        await().atMost(Duration.ofSeconds(60)).until(() -> consuming(instanceA) && consuming(instanceB));
    }

    @AfterAll
    void stopTheSecondInstance() {
        instanceB.close();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(ChatClient::close);
        clients.clear();
    }

    @Test
    void senderOnOneInstanceAndRecipientOnTheOtherEachSessionGetsTheMessageOnce() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        ChatClient aliceOnA = connect(instanceA, alice);
        ChatClient aliceOnB = connect(instanceB, alice);
        ChatClient bobOnB = connect(instanceB, bob);
        String conversation = conversationId(alice, bob);

        aliceOnA.send(conversation, "c-1", "  Is the bike still for sale?  ");

        for (ChatClient session : List.of(aliceOnA, aliceOnB, bobOnB)) {
            Map<String, Object> frame = session.awaitMessages(1).get(0);
            assertThat(frame).containsEntry("id", messageId(conversation, alice, "c-1"))
                .containsEntry("conversationId", conversation)
                .containsEntry("senderId", alice.id())
                .containsEntry("senderName", "Alice")
                .containsEntry("text", "Is the bike still for sale?")
                .containsEntry("clientMessageId", "c-1");
            assertThat(frame.get("seq")).as("numbered later, by chat-service").isNull();
            assertThat((String) frame.get("sentAt")).endsWith("Z");
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
            aliceOnA.messages.size() == 1 && aliceOnB.messages.size() == 1 && bobOnB.messages.size() == 1);
        assertThat(aliceOnA.errors).isEmpty();
    }

    @Test
    void anOutsidersSendIsRefusedWithAnErrorFrameAndReachesNoOne() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        TestUser mallory = TestUser.named("Mallory");
        ChatClient aliceOnA = connect(instanceA, alice);
        ChatClient bobOnB = connect(instanceB, bob);
        ChatClient malloryOnA = connect(instanceA, mallory);

        malloryOnA.send(conversationId(alice, bob), "evil-1", "Send me your password");

        Map<String, Object> error = malloryOnA.awaitError();
        assertThat(error).containsEntry("status", 404)
            .containsEntry("type", "https://thriftstore.dev/problems/not-found")
            .containsEntry("clientMessageId", "evil-1");
        malloryOnA.send("not-a-conversation", "evil-2", "hello");
        await().atMost(Duration.ofSeconds(30)).until(() -> malloryOnA.errors.size() == 2);
        assertThat(malloryOnA.errors.get(1)).containsEntry("status", 404).containsEntry("clientMessageId", "evil-2");

        // A legitimate message sent afterwards arrives; had the outsider's got through, it would have come first.
        aliceOnA.send(conversationId(alice, bob), "ok-1", "hi Bob");
        assertThat(bobOnB.awaitMessages(1)).extracting(frame -> frame.get("clientMessageId")).containsExactly("ok-1");
        assertThat(aliceOnA.awaitMessages(1)).extracting(frame -> frame.get("clientMessageId")).containsExactly("ok-1");
        assertThat(malloryOnA.messages).isEmpty();
    }

    @Test
    void badTextIsAnsweredOnTheSendersErrorQueueOnly() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        ChatClient aliceOnA = connect(instanceA, alice);
        ChatClient aliceOnB = connect(instanceB, alice);

        aliceOnA.send(conversationId(alice, bob), "blank-1", " \n ");

        Map<String, Object> error = aliceOnA.awaitError();
        assertThat(error).containsEntry("status", 400).containsEntry("clientMessageId", "blank-1");
        assertThat(error.get("errors").toString()).contains("text");
        aliceOnA.send(conversationId(alice, bob), "bell-1", "ding\u0007");
        await().atMost(Duration.ofSeconds(30)).until(() -> aliceOnA.errors.size() == 2);
        assertThat(aliceOnB.errors).as("the other tab did not send it").isEmpty();
        assertThat(aliceOnA.messages).isEmpty();
    }

    @Test
    void sendingPastTheRateLimitIsAnsweredWith429() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        ChatClient bobOnB = connect(instanceB, bob);

        for (int i = 1; i <= 6; i++) {
            bobOnB.send(conversationId(alice, bob), "r-" + i, "message " + i);
        }

        Map<String, Object> error = bobOnB.awaitError();
        assertThat(error).containsEntry("status", 429)
            .containsEntry("type", "https://thriftstore.dev/problems/rate-limited")
            .containsEntry("clientMessageId", "r-6");
        assertThat(((Number) error.get("retryAfter")).longValue()).isBetween(1L, 60L);
        assertThat(bobOnB.awaitMessages(5)).extracting(frame -> frame.get("clientMessageId"))
            .containsExactly("r-1", "r-2", "r-3", "r-4", "r-5");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> bobOnB.messages.size() == 5);
    }

    /**
     * One budget per user across instances and paths (ChatSends): instance B counts the sends it reads on
     * chat-messages that instance A accepted over the socket and chat-service accepted over REST (published here as
     * chat-service publishes them), and refuses the send that passes its budget of 5.
     */
    @Test
    void sendsAcceptedOnAnotherInstanceOrOverRestCountAgainstTheBudgetHere() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        ChatClient aliceOnA = connect(instanceA, alice);
        ChatClient aliceOnB = connect(instanceB, alice);
        String conversation = conversationId(alice, bob);

        aliceOnA.send(conversation, "a-1", "over the socket, on A");
        aliceOnA.send(conversation, "a-2", "over the socket, on A");
        aliceOnA.send(conversation, "a-3", "over the socket, on A");
        instanceA.getBean(EventPublisher.class).publish(EventType.CHAT_MESSAGE_SENT, new ChatMessageSent(
            messageId(conversation, alice, "rest-1"), conversation, alice.id(), "Alice", "over REST",
            Instant.now().truncatedTo(ChronoUnit.MILLIS), "rest-1", bob.id())).join();
        // B counts a message before it pushes it: once this session has all four, B has counted them.
        aliceOnB.awaitMessages(4);

        aliceOnB.send(conversation, "b-1", "the fifth, on B");
        assertThat(aliceOnB.awaitMessages(5).get(4)).containsEntry("clientMessageId", "b-1");
        aliceOnB.send(conversation, "b-2", "the sixth, on B");
        Map<String, Object> error = aliceOnB.awaitError();
        assertThat(error).containsEntry("status", 429)
            .containsEntry("type", "https://thriftstore.dev/problems/rate-limited")
            .containsEntry("clientMessageId", "b-2");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> aliceOnB.messages.size() == 5);
    }

    @Test
    void aBurstOf500MessagesFromFiveSendersArrivesOnceEachInOrder() {
        TestUser rita = TestUser.named("Rita");
        List<TestUser> senders = IntStream.range(0, 5).mapToObj(i -> TestUser.named("Sender " + i)).toList();
        ChatClient ritaOnB = connect(instanceB, rita);
        List<ChatClient> sendersOnA = senders.stream().map(sender -> connect(instanceA, sender)).toList();

        for (int n = 1; n <= 100; n++) {
            for (ChatClient sender : sendersOnA) {
                sender.send(conversationId(sender.user, rita), "b-" + n, "message " + n);
            }
        }

        ritaOnB.awaitMessages(500);
        for (ChatClient sender : sendersOnA) {
            List<Object> received = ritaOnB.messages.stream()
                .filter(frame -> frame.get("senderId").equals(sender.user.id()))
                .map(frame -> frame.get("text")).toList();
            assertThat(received).as("in send order, once each")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(n -> "message " + n).toList());
            assertThat(sender.awaitMessages(100)).as("acknowledgements").hasSize(100);
            assertThat(sender.errors).isEmpty();
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> ritaOnB.messages.size() == 500);
    }

    @Test
    void theServerAgreesOnHeartbeatsAndClosesASessionOnceItsTokenExpired() {
        TestUser brief = TestUser.named("Brief");
        ChatClient client = connect(instanceA, brief);
        assertThat(client.connected.getHeartbeat()).containsExactly(10_000, 10_000);

        String shortLived = TestTokens.forUser(brief.id(), "Brief").validFor(Duration.ofSeconds(2)).bearer();
        ChatClient expiring = ChatClient.connect(portA, brief, shortLived);
        clients.add(expiring);
        assertThat(expiring.session.isConnected()).isTrue();

        await().atMost(Duration.ofSeconds(15)).until(() -> !expiring.session.isConnected());
        assertThat(client.session.isConnected()).isTrue();
    }

    @Test
    void aConnectWithABadTokenIsAnsweredWithAnErrorFrameAndNoSession() throws Exception {
        var client = new org.springframework.web.socket.messaging.WebSocketStompClient(
            new org.springframework.web.socket.client.standard.StandardWebSocketClient());
        var errorMessage = new java.util.concurrent.CompletableFuture<String>();
        var headers = new org.springframework.messaging.simp.stomp.StompHeaders();
        headers.add("Authorization", "Bearer not-a-token");
        try {
            var connecting = client.connectAsync("ws://localhost:" + portA + "/ws",
                (org.springframework.web.socket.WebSocketHttpHeaders) null, headers,
                new org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter() {
                    @Override
                    public void handleFrame(org.springframework.messaging.simp.stomp.StompHeaders frame, Object payload) {
                        errorMessage.complete(frame.getFirst("message"));
                    }
                });
            // Refused: no session (the socket is closed after the ERROR frame) ...
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> connecting.get(15, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
            // ... and, when the client saw the frame before the close, it says why.
            if (errorMessage.isDone()) {
                assertThat(errorMessage.join()).isEqualTo("Invalid bearer token");
            }
        }
        finally {
            client.stop();
        }
    }

    private ChatClient connect(ApplicationContext instance, TestUser user) {
        int port = instance == instanceB ? portB : portA;
        SimpUserRegistry registry = instance.getBean(SimpUserRegistry.class);
        int before = subscriptions(registry, user);
        ChatClient client = ChatClient.connect(port, user);
        clients.add(client);
        // Both subscriptions registered on the server before anything is sent to this user.
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions(registry, user) == before + 2);
        return client;
    }

    private static int subscriptions(SimpUserRegistry registry, TestUser user) {
        SimpUser simpUser = registry.getUser(user.id());
        return simpUser == null ? 0 : simpUser.getSessions().stream().mapToInt(session -> session.getSubscriptions().size()).sum();
    }

    private static boolean consuming(ApplicationContext instance) {
        return instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
            .allMatch(container -> container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty());
    }

    private static String conversationId(TestUser one, TestUser other) {
        return one.id().compareTo(other.id()) < 0 ? one.id() + ":" + other.id() : other.id() + ":" + one.id();
    }

    /** chat-service derives message ids the same way: a resend is the same message. */
    private static String messageId(String conversationId, TestUser sender, String clientMessageId) {
        return UUID.nameUUIDFromBytes((conversationId + ":" + sender.id() + ":" + clientMessageId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
