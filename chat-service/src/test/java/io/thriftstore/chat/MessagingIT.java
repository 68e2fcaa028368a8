package io.thriftstore.chat;

import io.thriftstore.testing.Api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sending over REST, history, the inbox and unread counts, as two people chatting see them. */
@ChatServiceIT
class MessagingIT {

    @LocalServerPort
    int port;

    Api api;
    TestUser alice = TestUser.named("Alice");
    TestUser bob = TestUser.named("Bob");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aSentMessageIsStoredNumberedAndCountedAsUnreadForTheRecipient() {
        String id = Chats.start(api, alice, bob);

        JsonNode accepted = Chats.send(api, alice, id, "a-1", "  Is the lamp still available?\n\tThanks  ").json();

        assertThat(accepted.path("conversationId").asString()).isEqualTo(id);
        assertThat(accepted.path("senderId").asString()).isEqualTo(alice.id());
        assertThat(accepted.path("senderName").asString()).isEqualTo("Alice");
        assertThat(accepted.path("text").asString()).isEqualTo("Is the lamp still available?\n\tThanks");
        assertThat(accepted.path("clientMessageId").asString()).isEqualTo("a-1");

        JsonNode stored = Chats.awaitHistory(api, bob, id, 1).get(0);
        assertThat(stored.path("id").asString()).isEqualTo(accepted.path("id").asString());
        assertThat(stored.path("seq").asLong()).isEqualTo(1);
        assertThat(stored.path("text").asString()).isEqualTo("Is the lamp still available?\n\tThanks");
        assertThat(stored.path("sentAt").asString()).isEqualTo(accepted.path("sentAt").asString());

        JsonNode bobsView = inboxOf(bob).get(0);
        assertThat(bobsView.path("id").asString()).isEqualTo(id);
        assertThat(bobsView.path("unreadCount").asLong()).isEqualTo(1);
        assertThat(bobsView.path("lastMessage").path("text").asString()).startsWith("Is the lamp");
        assertThat(bobsView.path("lastMessage").path("seq").asLong()).isEqualTo(1);
        assertThat(inboxOf(alice).get(0).path("unreadCount").asLong()).as("your own messages are read").isZero();

        Chats.send(api, bob, id, "b-1", "Yes!");
        Chats.awaitHistory(api, alice, id, 2);
        assertThat(inboxOf(bob).get(0).path("unreadCount").asLong()).as("replying reads what came before").isZero();
        assertThat(inboxOf(alice).get(0).path("unreadCount").asLong()).isEqualTo(1);
        assertThat(Chats.name(inboxOf(alice).get(0), bob.id())).as("named once they spoke").isEqualTo("Bob");
    }

    @Test
    void markingReadUpToASeqLeavesTheRestUnread() {
        String id = Chats.start(api, alice, bob);
        for (int i = 1; i <= 5; i++) {
            Chats.send(api, alice, id, "m-" + i, "message " + i);
        }
        Chats.awaitHistory(api, bob, id, 5);

        Api.Response partly = api.post("/api/conversations/" + id + "/read", bob.bearer(), Map.of("upTo", 3));
        assertThat(partly.status()).as(partly.toString()).isEqualTo(200);
        assertThat(partly.json().path("unreadCount").asLong()).isEqualTo(2);

        api.post("/api/conversations/" + id + "/read", bob.bearer(), Map.of("upTo", 1));
        assertThat(inboxOf(bob).get(0).path("unreadCount").asLong()).as("reading never goes backwards").isEqualTo(2);

        Api.Response all = api.post("/api/conversations/" + id + "/read", bob.bearer(), null);
        assertThat(all.json().path("unreadCount").asLong()).isZero();
    }

    @Test
    void historyPagesBackwardsWithTheSeqCursorOldestFirstWithinAPage() {
        String id = Chats.start(api, alice, bob);
        for (int i = 1; i <= 7; i++) {
            Chats.send(api, i % 2 == 0 ? bob : alice, id, "h-" + i, "message " + i);
        }
        Chats.awaitHistory(api, alice, id, 7);

        JsonNode latest = api.get("/api/conversations/" + id + "/messages?limit=3", alice.bearer()).json();
        assertThat(texts(latest)).containsExactly("message 5", "message 6", "message 7");
        assertThat(latest.path("nextBefore").asLong()).isEqualTo(5);

        JsonNode before = api.get("/api/conversations/" + id + "/messages?limit=3&before=5", alice.bearer()).json();
        assertThat(texts(before)).containsExactly("message 2", "message 3", "message 4");

        JsonNode first = api.get("/api/conversations/" + id + "/messages?limit=3&before=2", alice.bearer()).json();
        assertThat(texts(first)).containsExactly("message 1");
        assertThat(first.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void aResentMessageIsStoredOnceWithTheSameId() {
        String id = Chats.start(api, alice, bob);

        String firstId = Chats.send(api, alice, id, "same", "Hello").json().path("id").asString();
        String secondId = Chats.send(api, alice, id, "same", "Hello").json().path("id").asString();
        Chats.send(api, alice, id, "after", "Are you there?");

        assertThat(secondId).isEqualTo(firstId);
        List<JsonNode> history = Chats.awaitHistory(api, bob, id, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
            .until(() -> Chats.history(api, bob, id).size() == 2);
        assertThat(history).extracting(message -> message.path("id").asString()).first().isEqualTo(firstId);
        assertThat(history).extracting(message -> message.path("seq").asLong()).containsExactly(1L, 2L);
        assertThat(inboxOf(bob).get(0).path("unreadCount").asLong()).isEqualTo(2);
    }

    @Test
    void aClientMessageIdReusedInAnotherConversationIsAnotherMessage() {
        TestUser carol = TestUser.named("Carol");
        String withBob = Chats.start(api, alice, bob);
        String withCarol = Chats.start(api, alice, carol);

        String toBob = Chats.send(api, alice, withBob, "m-1", "Hello Bob").json().path("id").asString();
        String toCarol = Chats.send(api, alice, withCarol, "m-1", "Hello Carol").json().path("id").asString();

        assertThat(toCarol).isNotEqualTo(toBob);
        assertThat(Chats.awaitHistory(api, carol, withCarol, 1)).extracting(message -> message.path("text").asString())
            .containsExactly("Hello Carol");
        assertThat(Chats.awaitHistory(api, bob, withBob, 1)).extracting(message -> message.path("text").asString())
            .containsExactly("Hello Bob");
    }

    @Test
    void badTextIsRefusedAndNothingIsSent() {
        String id = Chats.start(api, alice, bob);
        String path = "/api/conversations/" + id + "/messages";

        for (String text : new String[] {"   ", "x".repeat(2001), "ding\u0007", "line\r\nbreak"}) {
            Api.Response answer = api.post(path, alice.bearer(), Map.of("clientMessageId", "bad", "text", text));
            assertThat(answer.status()).as(text).isEqualTo(400);
            assertThat(answer.errorFields()).containsExactly("text");
        }
        assertThat(api.post(path, alice.bearer(), Map.of("text", "no client id")).errorFields()).containsExactly("clientMessageId");
        assertThat(api.post(path, alice.bearer(), Map.of("clientMessageId", "x")).errorFields()).containsExactly("text");

        Chats.send(api, alice, id, "good", "x".repeat(2000));
        assertThat(Chats.awaitHistory(api, bob, id, 1)).extracting(message -> message.path("clientMessageId").asString())
            .containsExactly("good");
    }

    @Test
    void sendingFasterThanTheLimitIsAnsweredWith429() {
        String id = Chats.start(api, alice, bob);
        String path = "/api/conversations/" + id + "/messages";

        // 20 at once, then one more per 500 ms (the bucket refills smoothly): sending back to back runs into it.
        int accepted = 0;
        Api.Response refused = null;
        while (refused == null && accepted < 60) {
            Api.Response answer = api.post(path, alice.bearer(), Map.of("clientMessageId", "r-" + accepted, "text", "quick"));
            if (answer.status() == 202) {
                accepted++;
            }
            else {
                refused = answer;
            }
        }

        assertThat(accepted).as("the first 20 pass").isGreaterThanOrEqualTo(20);
        assertThat(refused).as("refused after " + accepted).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/rate-limited");
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(1L, 10L);
        assertThat(api.post(path, bob.bearer(), Map.of("clientMessageId", "b-1", "text", "my own limit")).status())
            .as("the limit is per user").isEqualTo(202);
        String refusedId = "r-" + accepted;
        assertThat(Chats.awaitHistory(api, bob, id, accepted + 1)).extracting(message -> message.path("clientMessageId").asString())
            .doesNotContain(refusedId);
    }

    private List<JsonNode> inboxOf(TestUser user) {
        Api.Response inbox = api.get("/api/conversations", user.bearer());
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        List<JsonNode> content = new java.util.ArrayList<>();
        inbox.json().path("content").forEach(content::add);
        return content;
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new java.util.ArrayList<>();
        page.path("content").forEach(message -> texts.add(message.path("text").asString()));
        return texts;
    }
}
