package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.thriftstore.platform.events.OrderEvent;

/** Reading, listing and changing orders: who may see what, ETags and concurrent updates. */
class OrderUpdatesIT extends OrderServiceIntegrationTest {

    @Test
    void onlyTheBuyerAndTheSellerSeeAnOrderOthersGet404() {
        String seller = user("seller");
        String buyer = user("buyer");
        String stranger = user("stranger");
        Api.Response placed = place(buyer, product(seller, "10", 5), 1);

        Api.Response asBuyer = api.get("/api/orders/" + placed.id(), bearer(buyer));
        assertThat(asBuyer.status()).isEqualTo(200);
        assertThat(asBuyer.headers().getETag()).isEqualTo("\"" + asBuyer.json().path("version").asLong() + "\"");
        assertThat(api.get("/api/orders/" + placed.id(), bearer(seller)).status()).isEqualTo(200);

        assertThat(api.get("/api/orders/" + placed.id(), bearer(stranger)).status()).isEqualTo(404);
        assertThat(api.patch("/api/orders/" + placed.id(), bearer(stranger), Map.of("status", "CANCELLED")).status())
            .isEqualTo(404);
        assertThat(api.get("/api/orders/not-a-uuid", bearer(buyer)).status()).isEqualTo(404);
        assertThat(api.get("/api/orders/" + java.util.UUID.randomUUID(), bearer(buyer)).status()).isEqualTo(404);
        assertThat(api.get("/api/orders/" + placed.id(), bearer(buyer)).json().path("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void cancellingRecordsWhoAndWhyAndPublishesTheFullOrder() {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = place(buyer, product(seller, "10", 5), 1).id();

        Api.Response cancelled = api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "CANCELLED", "reason", "Found one nearer"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("reason").asString()).isEqualTo("Found one nearer");
        assertThat(cancelled.headers().getETag()).isEqualTo("\"" + cancelled.json().path("version").asLong() + "\"");
        JsonAssertions.lastHistory(cancelled, "CANCELLED", buyer);
        OrderEvent event = events.await(id, "order.cancelled.v1");
        assertThat(event.previousStatus()).isEqualTo("CONFIRMED");
        assertThat(event.actorId()).isEqualTo(buyer);
        assertThat(event.status()).isEqualTo("CANCELLED");
        assertThat(event.reason()).isEqualTo("Found one nearer");
        assertThat(event.version()).isEqualTo(cancelled.json().path("version").asLong());
        assertThat(events.typesOf(id)).containsExactly("order.created.v1", "order.confirmed.v1", "order.cancelled.v1");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String seller = user("seller");
        String buyer = user("buyer");
        Api.Response placed = place(buyer, product(seller, "10", 5), 1);
        String id = placed.id();

        Api.Response stale = api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "CANCELLED"), h -> h.setIfMatch("\"99\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get("/api/orders/" + id, bearer(buyer)).json().path("status").asString()).isEqualTo("CONFIRMED");

        Api.Response current = api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "CANCELLED"),
            h -> h.setIfMatch(placed.headers().getETag()));
        assertThat(current.status()).isEqualTo(200);
    }

    @Test
    void ofTwoConcurrentUpdatesWithTheSameETagExactlyOneWins() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        Api.Response confirmed = place(buyer, product(seller, "10", 10), 1);
        String id = confirmed.id();
        String etag = confirmed.headers().getETag();

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Api.Response> byBuyer = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "CANCELLED"), h -> h.setIfMatch(etag));
        });
        CompletableFuture<Api.Response> bySeller = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.patch("/api/orders/" + id, bearer(seller), Map.of("status", "SHIPPED"), h -> h.setIfMatch(etag));
        });
        start.countDown();

        List<Integer> statuses = List.of(byBuyer.get().status(), bySeller.get().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        Api.Response after = api.get("/api/orders/" + id, bearer(buyer));
        assertThat(after.json().path("history")).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_key = ?", Long.class, id)).isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void badStatusChangesAre400() {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = place(buyer, product(seller, "10", 5), 1).id();
        assertThat(api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "LOST")).status()).isEqualTo(400);
        assertThat(api.patch("/api/orders/" + id, bearer(buyer), Map.of("reason", "no status")).status()).isEqualTo(400);
        assertThat(api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "CANCELLED", "reason", "x".repeat(501))).status())
            .isEqualTo(400);
    }

    @Test
    void listsShowTheCallersOrdersByRoleAndStatusNewestFirstInPages() {
        String seller = user("seller");
        String buyer = user("buyer");
        String product = product(seller, "10", 50);
        String first = place(buyer, product, 1).id();
        String second = place(buyer, product, 2).id();
        String third = place(buyer, product, 3).id();
        api.patch("/api/orders/" + second, bearer(buyer), Map.of("status", "CANCELLED"));
        place(user("someone"), product, 1);

        Api.Response mine = api.get("/api/orders", bearer(buyer));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(ids(mine)).containsExactly(third, second, first);
        assertThat(mine.json().path("page").path("totalElements").asLong()).isEqualTo(3);
        // Each listed order is whole: its lines and its history, as the order's own page shows it.
        assertThat(mine.json().path("content").get(1)).isEqualTo(api.get("/api/orders/" + second, bearer(buyer)).json());
        assertThat(mine.json().path("content").get(1).path("history")).hasSize(3);

        assertThat(ids(api.get("/api/orders?role=buyer&status=CANCELLED", bearer(buyer)))).containsExactly(second);
        assertThat(ids(api.get("/api/orders?role=seller", bearer(buyer)))).isEmpty();
        assertThat(api.get("/api/orders?role=seller", bearer(seller)).json().path("page").path("totalElements").asLong()).isEqualTo(4);
        assertThat(ids(api.get("/api/orders?role=seller&status=confirmed&size=2&page=1", bearer(seller)))).hasSize(1);

        Api.Response page = api.get("/api/orders?size=2&page=1", bearer(buyer));
        assertThat(ids(page)).containsExactly(first);
        assertThat(page.json().path("page").path("size").asInt()).isEqualTo(2);
        assertThat(page.json().path("page").path("number").asInt()).isEqualTo(1);
        assertThat(page.json().path("page").path("totalPages").asInt()).isEqualTo(2);
        assertThat(api.get("/api/orders?size=500", bearer(buyer)).json().path("page").path("size").asInt()).isEqualTo(100);

        assertThat(api.get("/api/orders?role=admin", bearer(buyer)).status()).isEqualTo(400);
        assertThat(api.get("/api/orders?status=LOST", bearer(buyer)).status()).isEqualTo(400);
        assertThat(api.get("/api/orders?page=-1", bearer(buyer)).status()).isEqualTo(400);
    }

    private static List<String> ids(Api.Response page) {
        List<String> ids = new java.util.ArrayList<>();
        page.json().path("content").forEach(order -> ids.add(order.path("id").asString()));
        return ids;
    }
}
