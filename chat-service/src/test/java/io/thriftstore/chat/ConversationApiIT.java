package io.thriftstore.chat;

import io.thriftstore.testing.Api;

import io.thriftstore.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting conversations and who may see them. */
@ChatServiceIT
class ConversationApiIT {

    @LocalServerPort
    int port;

    Api api;
    TestUser alice = TestUser.named("Alice");
    TestUser bob = TestUser.named("Bob");
    TestUser mallory = TestUser.named("Mallory");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void startingAConversationTwiceGivesTheSameOneFromEitherSide() {
        Api.Response created = api.post("/api/conversations", alice.bearer(), Map.of("participantId", bob.id(), "productId", "p-1"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode conversation = created.json();
        String id = conversation.path("id").asString();
        assertThat(id).isEqualTo(Chats.conversationId(alice, bob));
        assertThat(created.headers().getLocation()).hasToString("http://localhost:" + port + "/api/conversations/" + id);
        assertThat(conversation.path("productId").asString()).isEqualTo("p-1");
        assertThat(conversation.path("unreadCount").asLong()).isZero();
        assertThat(conversation.path("lastMessage").isNull()).isTrue();
        assertThat(conversation.path("updatedAt").asString()).endsWith("Z");
        assertThat(Chats.name(conversation, alice.id())).isEqualTo("Alice");

        Api.Response again = api.post("/api/conversations", bob.bearer(), Map.of("participantId", alice.id(), "productId", "p-2"));

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(id);
        assertThat(again.json().path("productId").asString()).as("the latest item discussed").isEqualTo("p-2");
        assertThat(Chats.name(again.json(), alice.id())).isEqualTo("Alice");
        assertThat(Chats.name(again.json(), bob.id())).isEqualTo("Bob");
        assertThat(api.get("/api/conversations/" + id, alice.bearer()).json().path("productId").asString()).isEqualTo("p-2");
    }

    @Test
    void chattingWithYourselfIsRefused() {
        Api.Response answer = api.post("/api/conversations", alice.bearer(), Map.of("participantId", alice.id()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorFields()).containsExactly("participantId");
    }

    @Test
    void aParticipantIdThatIsNotTextIsRefused() {
        // found by the bad-input sweep: a lone surrogate reached MongoDB's string encoder (500)
        Api.Response answer = api.post("/api/conversations", alice.bearer(), "{\"participantId\":\"\\ud800\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorFields()).containsExactly("participantId");
    }

    @Test
    void aParticipantIdMustBeAUserId() {
        assertThat(api.post("/api/conversations", alice.bearer(), Map.of("participantId", "a:b")).errorFields())
            .containsExactly("participantId");
        assertThat(api.post("/api/conversations", alice.bearer(), Map.of()).errorFields()).containsExactly("participantId");
    }

    @Test
    void outsidersCannotSeeOrTouchAConversation() {
        String id = Chats.start(api, alice, bob);
        Chats.send(api, alice, id, "a-1", "Hello Bob");
        Chats.awaitHistory(api, bob, id, 1);

        for (String path : new String[] {"/api/conversations/" + id, "/api/conversations/" + id + "/messages"}) {
            Api.Response answer = api.get(path, mallory.bearer());
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/not-found");
            assertThat(answer.toString()).doesNotContain("Hello Bob");
        }
        assertThat(api.post("/api/conversations/" + id + "/read", mallory.bearer(), Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/conversations/" + id + "/messages", mallory.bearer(),
            Map.of("text", "spam", "clientMessageId", "x-1")).status()).isEqualTo(404);
        assertThat(api.get("/api/conversations", mallory.bearer()).json().path("content")).isEmpty();
        assertThat(Chats.history(api, bob, id)).extracting(message -> message.path("text").asString()).containsExactly("Hello Bob");
    }

    @Test
    void malformedAndUnknownConversationsAreNotFound() {
        assertThat(api.get("/api/conversations/" + bob.id() + ":" + alice.id(), alice.bearer()).status()).as("unsorted").isEqualTo(404);
        assertThat(api.get("/api/conversations/nonsense", alice.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/api/conversations/" + Chats.conversationId(alice, bob), alice.bearer()).status())
            .as("never started").isEqualTo(404);
    }

    @Test
    void everythingNeedsAValidToken() {
        String id = Chats.conversationId(alice, bob);
        String expired = TestTokens.forUser(alice.id(), "Alice").expired().bearer();

        assertThat(api.get("/api/conversations", null).status()).isEqualTo(401);
        assertThat(api.get("/api/conversations/" + id + "/messages", expired).status()).isEqualTo(401);
        assertThat(api.post("/api/conversations", null, Map.of("participantId", bob.id())).status()).isEqualTo(401);
    }
}
