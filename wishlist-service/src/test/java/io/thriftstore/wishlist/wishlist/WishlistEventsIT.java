package io.thriftstore.wishlist.wishlist;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.WishlistEvent;
import io.thriftstore.wishlist.AgainstRealServers;
import io.thriftstore.wishlist.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Exactly one wishlist event per real change, through the outbox, also across a broker outage. */
class WishlistEventsIT extends AgainstRealServers {

    private final TestUser carol = newUser("Carol");

    @AfterEach
    void brokerBack() {
        infrastructure.kafka().start();
    }

    @Test
    void addingAndRemovingPublishOneEventEachAndRepeatsPublishNothing() {
        String camera = catalog.list("Camera");
        Instant before = Instant.now();

        api.put("/api/wishlist/items/" + camera, carol.bearer());
        api.put("/api/wishlist/items/" + camera, carol.bearer());
        api.delete("/api/wishlist/items/" + camera, carol.bearer());
        api.delete("/api/wishlist/items/" + camera, carol.bearer());
        published.awaitQuiet();

        assertThat(published.about(carol.id())).extracting(event -> event.type())
            .containsExactly(EventType.WISHLIST_ITEM_ADDED.type(), EventType.WISHLIST_ITEM_REMOVED.type());
        WishlistEvent added = (WishlistEvent) published.about(carol.id()).get(0).data();
        assertThat(added.userId()).isEqualTo(carol.id());
        assertThat(added.productId()).isEqualTo(camera);
        assertThat(added.productName()).isEqualTo("Camera");
        assertThat(added.sellerId()).isEqualTo("user_seller_" + camera);
        assertThat(added.at()).isAfterOrEqualTo(before.minusSeconds(1)).isBeforeOrEqualTo(Instant.now());
        assertThat(published.about(carol.id()).get(0).key()).isEqualTo(carol.id());
        WishlistEvent removed = (WishlistEvent) published.about(carol.id()).get(1).data();
        assertThat(removed.productId()).isEqualTo(camera);
        assertThat(removed.productName()).isEqualTo("Camera");
    }

    @Test
    void concurrentDuplicateAddsGiveOneItemAndOneEvent() throws Exception {
        String bike = catalog.list("Bike");
        int requests = 8;
        CountDownLatch ready = new CountDownLatch(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            puts.add(() -> {
                ready.countDown();
                go.await();
                return api.put("/api/wishlist/items/" + bike, carol.bearer()).status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> put : puts) {
                answers.add(threads.submit(put));
            }
            ready.await();
            go.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        finally {
            threads.shutdownNow();
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(requests - 1);
        assertThat(jdbc.sql("SELECT count(*) FROM wishlist_item WHERE user_id = ?").param(carol.id())
            .query(Long.class).single()).isEqualTo(1);
        published.awaitQuiet();
        assertThat(published.of(EventType.WISHLIST_ITEM_ADDED, carol.id())).hasSize(1);
    }

    @Test
    void changesMadeWhileKafkaIsDownArePublishedInOrderWhenItIsBack() {
        String radio = catalog.list("Radio");
        String clock = catalog.list("Clock");

        infrastructure.kafka().stop();
        List<Integer> statuses = List.of(
            api.put("/api/wishlist/items/" + radio, carol.bearer()).status(),
            api.put("/api/wishlist/items/" + clock, carol.bearer()).status(),
            api.delete("/api/wishlist/items/" + radio, carol.bearer()).status());
        assertThat(statuses).as("writes do not wait for Kafka").containsExactly(201, 201, 204);
        Api.Response list = api.get("/api/wishlist", carol.bearer());
        assertThat(list.json().path("items")).hasSize(1);
        // The relay gives up on Kafka (send-timeout) and records the failed attempt; it retries later.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox WHERE event_key = ? AND published_at IS NULL AND attempts > 0")
            .param(carol.id()).query(Long.class).single() > 0);
        infrastructure.kafka().start();

        published.awaitCount(1, EventType.WISHLIST_ITEM_REMOVED, carol.id(), Duration.ofSeconds(90));
        published.awaitQuiet();
        assertThat(published.about(carol.id()))
            .extracting(event -> event.type() + " " + ((WishlistEvent) event.data()).productId())
            .containsExactly(
                EventType.WISHLIST_ITEM_ADDED.type() + " " + radio,
                EventType.WISHLIST_ITEM_ADDED.type() + " " + clock,
                EventType.WISHLIST_ITEM_REMOVED.type() + " " + radio);
    }
}
