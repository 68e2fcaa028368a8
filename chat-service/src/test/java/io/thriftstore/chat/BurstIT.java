package io.thriftstore.chat;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.chat.MessageIds;
import io.thriftstore.platform.events.ChatMessageSent;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.kafka.EventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 500 messages at once from five senders to one recipient, published as ws-chat-service instances
 * publish them (straight to chat-messages, past any rate limit), with resends mixed in: each
 * conversation's history is complete, in send order, numbered without gaps, and the unread counts are exact.
 */
@ChatServiceIT
class BurstIT {

    static final int SENDERS = 5;
    static final int PER_SENDER = 100;

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    @Test
    void aBurstOf500MessagesIsStoredOnceEachInOrderWithExactUnreadCounts() {
        Api api = new Api(port);
        TestUser rita = TestUser.named("Rita");
        List<TestUser> senders = IntStream.range(0, SENDERS).mapToObj(i -> TestUser.named("Sender " + i)).toList();

        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int n = 1; n <= PER_SENDER; n++) {
            for (TestUser sender : senders) {
                sends.add(publisher.publish(EventType.CHAT_MESSAGE_SENT, message(sender, rita, "c-" + n, "message " + n)));
                if (n % 10 == 0) {
                    // A client that lost its acknowledgement sends again; the copy is the same message.
                    sends.add(publisher.publish(EventType.CHAT_MESSAGE_SENT, message(sender, rita, "c-" + (n - 1), "message " + (n - 1))));
                }
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

        for (TestUser sender : senders) {
            String id = Chats.conversationId(sender, rita);
            List<JsonNode> history = Chats.awaitHistory(api, rita, id, PER_SENDER);
            assertThat(history).extracting(message -> message.path("text").asString())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, PER_SENDER).mapToObj(n -> "message " + n).toList());
            assertThat(history).extracting(message -> message.path("seq").asLong())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, PER_SENDER).mapToObj(n -> (long) n).toList());
        }

        JsonNode inbox = api.get("/api/conversations?size=10", rita.bearer()).json();
        assertThat(inbox.path("page").path("totalElements").asLong()).isEqualTo(SENDERS);
        inbox.path("content").forEach(conversation -> {
            assertThat(conversation.path("unreadCount").asLong()).as(conversation.path("id").asString()).isEqualTo(PER_SENDER);
            assertThat(conversation.path("lastMessage").path("text").asString()).isEqualTo("message " + PER_SENDER);
        });
        for (TestUser sender : senders) {
            JsonNode theirs = api.get("/api/conversations", sender.bearer()).json().path("content").get(0);
            assertThat(theirs.path("unreadCount").asLong()).isZero();
            assertThat(Chats.name(theirs, sender.id())).isEqualTo(sender.name());
        }

        String first = Chats.conversationId(senders.get(0), rita);
        Api.Response read = api.post("/api/conversations/" + first + "/read", rita.bearer(), Map.of("upTo", 40));
        assertThat(read.json().path("unreadCount").asLong()).isEqualTo(PER_SENDER - 40);

        // No late copies: after the resends were consumed, still one stored message per client message.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
            .until(() -> Chats.history(api, rita, first).size() == PER_SENDER);
    }

    private static ChatMessageSent message(TestUser sender, TestUser recipient, String clientMessageId, String text) {
        String conversation = Chats.conversationId(sender, recipient);
        return new ChatMessageSent(MessageIds.of(conversation, sender.id(), clientMessageId), conversation, sender.id(), sender.name(), text,
            Instant.now().truncatedTo(ChronoUnit.MILLIS), clientMessageId, recipient.id());
    }
}
