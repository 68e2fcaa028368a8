package io.thriftstore.chat;

import io.thriftstore.testing.Api;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a chat client does over REST, for the tests. */
public final class Chats {

    private Chats() {
    }

    public static String conversationId(TestUser one, TestUser other) {
        return one.id().compareTo(other.id()) < 0 ? one.id() + ":" + other.id() : other.id() + ":" + one.id();
    }

    public static String start(Api api, TestUser from, TestUser to) {
        Api.Response answer = api.post("/api/conversations", from.bearer(), Map.of("participantId", to.id()));
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
        return answer.json().path("id").asString();
    }

    public static Api.Response send(Api api, TestUser from, String conversationId, String clientMessageId, String text) {
        Api.Response answer = api.post("/api/conversations/" + conversationId + "/messages", from.bearer(),
            Map.of("clientMessageId", clientMessageId, "text", text));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        return answer;
    }

    /** The whole history, oldest first, read page by page through the cursor. */
    public static List<JsonNode> history(Api api, TestUser reader, String conversationId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        while (true) {
            Api.Response page = api.get("/api/conversations/" + conversationId + "/messages?limit=100" + cursor, reader.bearer());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            List<JsonNode> content = new ArrayList<>();
            page.json().path("content").forEach(content::add);
            all.addAll(0, content);
            JsonNode next = page.json().path("nextBefore");
            if (next.isNull() || next.isMissingNode()) {
                return all;
            }
            cursor = "&before=" + next.asLong();
        }
    }

    /** Waits until the history holds {@code count} messages (stored and numbered), then returns it. */
    public static List<JsonNode> awaitHistory(Api api, TestUser reader, String conversationId, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> history(api, reader, conversationId).size() >= count);
        return history(api, reader, conversationId);
    }

    public static String name(JsonNode conversation, String userId) {
        for (JsonNode participant : conversation.path("participants")) {
            if (participant.path("userId").asString().equals(userId)) {
                return participant.path("name").asString();
            }
        }
        throw new AssertionError(userId + " is not in " + conversation);
    }
}
