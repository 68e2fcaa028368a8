package io.thriftstore.notification;

import io.thriftstore.testing.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.platform.kafka.EventPublisher;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.thriftstore.notification.Notifications.notice;
import static org.assertj.core.api.Assertions.assertThat;

/** The inbox REST API of DESIGN section 5, filled by real notification.created events. */
@NotificationServiceIT
class InboxIT {

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    final TestUser alice = TestUser.named("Alice");
    final TestUser bob = TestUser.named("Bob");

    @Test
    void notificationsAreListedNewestFirstPagedAndOnlyToTheirUser() {
        Api api = new Api(port);
        Instant now = Instant.now();
        NotificationCreated older = notice(alice, "Old lamp", now.minusSeconds(60));
        NotificationCreated newer = notice(alice, "New lamp", now);
        NotificationCreated bobs = notice(bob, "Bob's chair", now);
        Notifications.publish(publisher, older);
        Notifications.publish(publisher, newer);
        Notifications.publish(publisher, bobs);

        awaitCount(api, alice, 2);
        JsonNode page = api.get("/api/notifications?page=0&size=1", alice.bearer()).json();
        assertThat(page.path("content").size()).isEqualTo(1);
        JsonNode first = page.path("content").get(0);
        assertThat(first.path("id").asString()).isEqualTo(newer.notificationId());
        assertThat(first.path("type").asString()).isEqualTo("ORDER_SHIPPED");
        assertThat(first.path("title").asString()).isEqualTo("New lamp");
        assertThat(first.path("body").asString()).isEqualTo(newer.body());
        assertThat(first.path("link").asString()).isEqualTo(newer.link());
        assertThat(first.path("read").asBoolean()).isFalse();
        assertThat(first.has("createdAt")).isTrue();
        assertThat(page.path("page").path("totalElements").asLong()).isEqualTo(2);
        assertThat(page.path("page").path("totalPages").asLong()).isEqualTo(2);
        assertThat(page.path("page").path("size").asLong()).isEqualTo(1);
        assertThat(api.get("/api/notifications?page=1&size=1", alice.bearer()).json().path("content").get(0).path("id").asString())
            .isEqualTo(older.notificationId());
        assertThat(api.get("/api/notifications", alice.bearer()).json().path("content").findValuesAsString("title"))
            .doesNotContain("Bob's chair");
        assertThat(api.get("/api/notifications?size=1000", alice.bearer()).json().path("page").path("size").asInt()).isEqualTo(100);
        assertThat(api.get("/api/notifications?page=-1", alice.bearer()).status()).isEqualTo(400);
        assertThat(api.get("/api/notifications", null).status()).isEqualTo(401);
    }

    @Test
    void readingOneOrAllMovesTheUnreadCountAndNobodyCanReadAnothersNotification() {
        Api api = new Api(port);
        NotificationCreated first = notice(alice, "Lamp", Instant.now());
        NotificationCreated second = notice(alice, "Chair", Instant.now());
        NotificationCreated third = notice(alice, "Table", Instant.now());
        Notifications.publish(publisher, first);
        Notifications.publish(publisher, second);
        Notifications.publish(publisher, third);
        awaitCount(api, alice, 3);
        assertThat(api.get("/api/notifications/unread-count", alice.bearer()).json()).isEqualTo(
            new Api.Response(200, null, "{\"count\":3}".getBytes()).json());

        assertThat(api.post("/api/notifications/" + first.notificationId() + "/read", bob.bearer(), null).status()).isEqualTo(404);
        assertThat(api.post("/api/notifications/" + first.notificationId() + "/read", alice.bearer(), null).status()).isEqualTo(204);
        assertThat(api.post("/api/notifications/" + first.notificationId() + "/read", alice.bearer(), null).status()).isEqualTo(204);
        assertThat(api.get("/api/notifications/unread-count", alice.bearer()).json().path("count").asLong()).isEqualTo(2);
        JsonNode unread = api.get("/api/notifications?unreadOnly=true", alice.bearer()).json();
        assertThat(unread.path("content").findValuesAsString("id"))
            .containsExactlyInAnyOrder(second.notificationId(), third.notificationId());

        assertThat(api.post("/api/notifications/read-all", alice.bearer(), null).status()).isEqualTo(204);
        assertThat(api.get("/api/notifications/unread-count", alice.bearer()).json().path("count").asLong()).isZero();
        assertThat(api.post("/api/notifications/no-such-id/read", alice.bearer(), null).status()).isEqualTo(404);
    }

    @Test
    void aRedeliveredNotificationIsStoredOnceAndStaysRead() {
        Api api = new Api(port);
        NotificationCreated notice = notice(alice, "Vase", Instant.now());
        Notifications.publish(publisher, notice);
        awaitCount(api, alice, 1);
        api.post("/api/notifications/" + notice.notificationId() + "/read", alice.bearer(), null);

        Notifications.publish(publisher, notice);
        NotificationCreated marker = notice(alice, "Marker", Instant.now().plusSeconds(1));
        Notifications.publish(publisher, marker);
        awaitCount(api, alice, 2);   // per partition (same key) in order: the redelivery was processed before the marker

        JsonNode all = api.get("/api/notifications", alice.bearer()).json();
        assertThat(all.path("content").findValuesAsString("id")).containsExactly(marker.notificationId(), notice.notificationId());
        assertThat(all.path("content").get(1).path("read").asBoolean()).isTrue();
    }

    private static void awaitCount(Api api, TestUser user, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
            api.get("/api/notifications?size=100", user.bearer()).json().path("page").path("totalElements").asLong() >= count);
    }
}
