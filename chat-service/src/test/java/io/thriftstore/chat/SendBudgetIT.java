package io.thriftstore.chat;

import io.thriftstore.platform.chat.ChatSends;
import io.thriftstore.platform.chat.MessageIds;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.kafka.EventPublisher;
import io.thriftstore.testing.Api;
import io.thriftstore.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One send budget per user over REST and the socket, across instances (ChatSends): an instance of chat-service with
 * a budget of 5 per hour counts the sends it reads on chat-messages that others accepted (ws-chat-service's socket
 * sends, published here as it publishes them) and refuses the REST send that would pass the budget. The journey
 * over both real services is e2e's JourneysIT#chatSendsOverRestAndTheSocketShareOneBudget.
 */
@ChatServiceIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendBudgetIT {

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    EventPublisher publisher;

    ConfigurableApplicationContext instance;
    Api api;

    @BeforeAll
    void startAnInstanceWithASmallBudget() {
        instance = new SpringApplicationBuilder(ChatServiceApplication.class).run(
            infrastructure.secondInstanceArguments("--thriftstore.chat.send-rate.messages=5",
                "--thriftstore.chat.send-rate.period=1h", "--thriftstore.rate-limit.writes-per-minute=100000"));
        api = new Api(((WebServerApplicationContext) instance).getWebServer().getPort());
        // The budget's group starts at the latest offset: only what comes after its partitions are assigned counts.
        MessageListenerContainer budget = instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("send-budget");
        await().atMost(Duration.ofSeconds(60)).until(() -> budget.getAssignedPartitions() != null
            && !budget.getAssignedPartitions().isEmpty());
    }

    @AfterAll
    void stopTheInstance() {
        instance.close();
    }

    @Test
    void socketSendsAcceptedElsewhereCountAgainstTheRestBudget() {
        TestUser alice = TestUser.named("Alice");
        TestUser bob = TestUser.named("Bob");
        String conversation = Chats.start(api, alice, bob);
        ChatSends sends = instance.getBean(ChatSends.class);

        for (int i = 1; i <= 3; i++) {
            publisher.publish(EventType.CHAT_MESSAGE_SENT, socketSend(alice, bob, conversation, "socket-" + i)).join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sends.remaining(alice.id()) == 2);

        Chats.send(api, alice, conversation, "rest-1", "over REST");
        Chats.send(api, alice, conversation, "rest-2", "over REST");
        Api.Response refused = api.post("/api/conversations/" + conversation + "/messages", alice.bearer(),
            java.util.Map.of("clientMessageId", "rest-3", "text", "the sixth"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/rate-limited");
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isPositive();

        // Its own REST sends, read back from the topic, are not counted twice; Bob's budget is his own.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> sends.remaining(alice.id()) == 0);
        Chats.send(api, bob, conversation, "bob-1", "my own budget");
    }

    @Test
    void aStaleRecordNoLongerCounts() {
        TestUser carol = TestUser.named("Carol");
        TestUser dan = TestUser.named("Dan");
        String conversation = Chats.conversationId(carol, dan);
        ChatSends sends = instance.getBean(ChatSends.class);
        ChatMessageSent old = socketSend(carol, dan, conversation, "old-1");
        ChatMessageSent lastHour = new ChatMessageSent(old.id(), old.conversationId(), old.senderId(), old.senderName(),
            old.text(), old.sentAt().minus(Duration.ofHours(2)), old.clientMessageId(), old.recipientId());
        publisher.publish(EventType.CHAT_MESSAGE_SENT, lastHour).join();
        publisher.publish(EventType.CHAT_MESSAGE_SENT, socketSend(carol, dan, conversation, "new-1")).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> sends.remaining(carol.id()) == 4);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> sends.remaining(carol.id()) == 4);
    }

    /** What ws-chat-service publishes for a socket send. */
    private static ChatMessageSent socketSend(TestUser from, TestUser to, String conversation, String clientMessageId) {
        return new ChatMessageSent(MessageIds.of(conversation, from.id(), clientMessageId), conversation, from.id(),
            from.name(), "sent over the socket", Instant.now().truncatedTo(ChronoUnit.MILLIS), clientMessageId, to.id());
    }
}
