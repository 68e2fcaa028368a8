package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;


import io.thriftstore.platform.events.OrderEvent;
import tools.jackson.databind.JsonNode;

class PlacingOrdersIT extends OrderServiceIntegrationTest {

    @Test
    void anOrderIsConfirmedInOneStepWithCatalogNamesAndPricesAndBothEventsPublished() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "12.50", 5);
        String chair = product(seller, "40", 2);

        Api.Response placed = api.post("/api/orders", bearer(buyer), Map.of("items", List.of(
            Map.of("productId", lamp, "quantity", 3), Map.of("productId", chair, "quantity", 1))));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(placed.headers().getLocation().toString()).isEqualTo("/api/orders/" + order.path("id").asString());
        assertThat(placed.headers().getETag()).isEqualTo("\"" + order.path("version").asLong() + "\"");
        assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.path("buyerId").asString()).isEqualTo(buyer);
        assertThat(order.path("buyerName").asString()).isEqualTo(displayName(buyer));
        assertThat(order.path("sellerId").asString()).isEqualTo(seller);
        assertThat(order.path("sellerName").asString()).isEqualTo(displayName(seller));
        assertThat(order.path("items").get(0).path("name").asString()).isEqualTo("Item " + lamp.substring(2, 8));
        assertThat(order.path("items").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(order.path("items").get(1).path("quantity").asInt()).isEqualTo(1);
        assertThat(order.path("total").decimalValue()).isEqualByComparingTo("77.50");
        assertThat(order.path("currency").asString()).isEqualTo("USD");
        assertThat(order.path("history")).hasSize(2);
        assertThat(order.path("history").get(0).path("status").asString()).isEqualTo("PENDING");
        assertThat(order.path("history").get(0).path("by").asString()).isEqualTo(buyer);
        assertThat(order.path("history").get(1).path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.path("history").get(1).path("by").asString()).isEqualTo("system");
        // The stock was held at product-service for this very order before it was stored.
        assertThat(CATALOG.held(order.path("id").asString())).isTrue();
        assertThat(CATALOG.quantity(lamp)).isEqualTo(2);

        // Stored: the buyer reads it back exactly as it was answered.
        assertThat(api.get("/api/orders/" + order.path("id").asString(), bearer(buyer)).json()).isEqualTo(order);

        OrderEvent created = events.await(order.path("id").asString(), "order.created.v1");
        assertThat(created.status()).isEqualTo("PENDING");
        assertThat(created.previousStatus()).isNull();
        assertThat(created.actorId()).isEqualTo(buyer);
        assertThat(created.total()).isEqualByComparingTo("77.50");
        assertThat(created.items()).hasSize(2);
        assertThat(created.buyerName()).isEqualTo(displayName(buyer));
        OrderEvent confirmed = events.await(order.path("id").asString(), "order.confirmed.v1");
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(confirmed.previousStatus()).isEqualTo("PENDING");
        assertThat(confirmed.actorId()).isEqualTo("system");
        assertThat(confirmed.version()).isEqualTo(order.path("version").asLong());
        // Readers keep the newest version of an order: the confirmation must win over the creation.
        assertThat(created.version()).isLessThan(confirmed.version());
        assertThat(events.typesOf(order.path("id").asString())).containsExactly("order.created.v1", "order.confirmed.v1");
    }

    @Test
    void anOrdersTraceGoesOnToTheHoldAndToItsEventsOnKafka() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "12.50", 5);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        Api.Response placed = api.post("/api/orders", bearer(buyer), Map.of("items", List.of(
            Map.of("productId", lamp, "quantity", 1))),
            headers -> headers.set("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().path("id").asString();
        // The hold call is a client span of the buyer's trace (Boot's observed RestClient.Builder).
        assertThat(CATALOG.traceparentOf(orderId)).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        // Both events carry the trace of the transaction that wrote them, put on the record by the outbox relay.
        events.await(orderId, "order.confirmed.v1");
        assertThat(events.of(orderId)).hasSizeGreaterThanOrEqualTo(2).allSatisfy(event ->
            assertThat(events.traceparentOf(event.id())).matches("00-" + traceId + "-[0-9a-f]{16}-01"));
    }

    @Test
    void anItemWithoutEnoughStockIs409SoldOutNamingTheShortItems() {
        String seller = user("seller");
        String buyer = user("buyer");
        String plenty = product(seller, "10", 5);
        String few = product(seller, "10", 1);

        Api.Response refused = api.post("/api/orders", bearer(buyer), Map.of("items", List.of(
            Map.of("productId", plenty, "quantity", 1), Map.of("productId", few, "quantity", 2))));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.headers().getContentType().toString()).contains("application/problem+json");
        assertThat(refused.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/sold-out");
        JsonNode item = refused.json().path("items").get(0);
        assertThat(item.path("productId").asString()).isEqualTo(few);
        assertThat(item.path("name").asString()).isEqualTo("Item " + few.substring(2, 8));
        assertThat(item.path("requested").asInt()).isEqualTo(2);
        assertThat(item.path("available").asInt()).isEqualTo(1);
        assertThat(refused.json().path("items")).hasSize(1);
        assertThat(ordersOf(buyer)).isZero();
        assertThat(CATALOG.quantity(plenty)).as("all or nothing").isEqualTo(5);
    }

    @Test
    void concurrentBuyersOfTheLastItemGetOne201AndThe409SoldOut() throws Exception {
        String seller = user("seller");
        String last = product(seller, "10", 1);
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            buyers.add(user("racer"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> requests = new ArrayList<>();
            buyers.forEach(buyer -> requests.add(() -> api.post("/api/orders", bearer(buyer), orderOf(last, 1))));
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
            assertThat(answers).extracting(Api.Response::status).containsOnly(201, 409).containsOnlyOnce(201);
            assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.json().path("type").asString()).endsWith("/sold-out"));
            assertThat(answers).filteredOn(answer -> answer.status() == 201)
                .allSatisfy(answer -> assertThat(answer.json().path("status").asString()).isEqualTo("CONFIRMED"));
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_item WHERE product_id = ?", Long.class, last)).isEqualTo(1);
    }

    @Test
    void whenTheCommitFailsAfterTheHoldNothingIsStoredAndTheHoldIsLeftToExpire() {
        String seller = user("seller");
        String buyer = user("crasher");
        String lamp = product(seller, "10", 3);
        // The database refuses this buyer's orders: the transaction fails after product-service held the stock,
        // as a crash between the two steps would leave it.
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_crasher() RETURNS trigger AS $$ BEGIN "
            + "IF NEW.buyer_id = '" + buyer + "' THEN RAISE EXCEPTION 'commit fails'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_crasher BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION refuse_crasher()");
        try {
            Api.Response failed = api.post("/api/orders", bearer(buyer), orderOf(lamp, 1));

            assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
            assertThat(failed.headers().getContentType().toString()).contains("application/problem+json");
        }
        finally {
            jdbc.execute("DROP TRIGGER refuse_crasher ON orders");
        }
        assertThat(ordersOf(buyer)).isZero();
        assertThat(CATALOG.quantity(lamp)).as("held at product-service, which releases it when it expires").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE convert_from(payload, 'UTF8') LIKE ?", Long.class, "%" + buyer + "%"))
            .as("no order.created: the hold is never confirmed").isZero();
    }

    @Test
    void productServiceUnreachableIs503WithRetryAfterAndNothingStored() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);

        CATALOG.stop();
        try {
            Api.Response unavailable = api.post("/api/orders", bearer(buyer), orderOf(lamp, 1));
            assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
            assertThat(unavailable.headers().getFirst("Retry-After")).isEqualTo("5");
            assertThat(unavailable.json().path("type").asString()).endsWith("/service-unavailable");
        }
        finally {
            CATALOG.start();
        }
        assertThat(ordersOf(buyer)).isZero();
        assertOrdersAreTakenAgain(buyer, lamp);
    }

    @Test
    void clientPricesAndNamesAreIgnored() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "12.50", 5);
        Api.Response placed = api.post("/api/orders", bearer(buyer), Map.of("items", List.of(
            Map.of("productId", lamp, "quantity", 1, "unitPrice", 0.01, "name", "free"))));
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().path("total").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void invalidOrdersAreRefusedAndNothingIsStored() {
        String seller = user("seller");
        String other = user("other");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);
        String elsewhere = product(other, "10", 5);
        String archived = product(seller, "10", 5);
        CATALOG.put(archived, seller, displayName(seller), "Old lamp", "10", 5, "ARCHIVED");
        String soldOut = product(seller, "10", 0);
        CATALOG.put(soldOut, seller, displayName(seller), "Gone lamp", "10", 0, "SOLD_OUT");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(Map.of("productId", product(seller, "1", 1), "quantity", 1));
        }

        assertRefused(buyer, Map.of("items", List.of()), 400);
        assertRefused(buyer, Map.of("items", many), 400);
        assertRefused(buyer, orderOf(lamp, 0), 400);
        assertRefused(buyer, orderOf(lamp, 101), 400);
        assertRefused(buyer, "{\"items\": [", 400);
        assertRefused(buyer, Map.of("items", List.of(Map.of("productId", lamp, "quantity", 1),
            Map.of("productId", lamp, "quantity", 1))), 400);
        assertRefused(buyer, Map.of("items", List.of(Map.of("productId", lamp, "quantity", 1),
            Map.of("productId", elsewhere, "quantity", 1))), 400);
        assertRefused(buyer, orderOf("p-unknown", 1), 404);
        assertRefused(buyer, orderOf(archived, 1), 409);
        assertRefused(buyer, orderOf(soldOut, 1), 409);
        assertRefused(buyer, orderOf(lamp, 6), 409);
        assertThat(CATALOG.quantity(lamp)).isEqualTo(5);
        assertRefused(seller, orderOf(lamp, 1), 403);

        assertThat(ordersOf(buyer)).isZero();
        assertThat(ordersOf(seller)).isZero();
    }

    private void assertRefused(String buyer, Object body, int status) {
        Api.Response refused = api.post("/api/orders", bearer(buyer), body);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
        assertThat(refused.headers().getContentType().toString()).contains("application/problem+json");
        assertThat(refused.json().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void theSameIdempotencyKeyFromTheSameUserReturnsTheSameOrder() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);

        Api.Response first = api.post("/api/orders", bearer(buyer), orderOf(lamp, 2), h -> h.set("Idempotency-Key", "k-1"));
        Api.Response again = api.post("/api/orders", bearer(buyer), orderOf(lamp, 2), h -> h.set("Idempotency-Key", "k-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(ordersOf(buyer)).isEqualTo(1);
        // Another key is another order.
        assertThat(api.post("/api/orders", bearer(buyer), orderOf(lamp, 2), h -> h.set("Idempotency-Key", "k-2")).status())
            .isEqualTo(201);
        assertThat(ordersOf(buyer)).isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIs422() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);
        api.post("/api/orders", bearer(buyer), orderOf(lamp, 1), h -> h.set("Idempotency-Key", "k"));

        Api.Response different = api.post("/api/orders", bearer(buyer), orderOf(lamp, 2), h -> h.set("Idempotency-Key", "k"));

        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().path("type").asString()).endsWith("/unprocessable");
        assertThat(ordersOf(buyer)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyBelongsToItsUser() {
        String seller = user("seller");
        String alice = user("alice");
        String bob = user("bob");
        String lamp = product(seller, "10", 5);

        Api.Response hers = api.post("/api/orders", bearer(alice), orderOf(lamp, 1), h -> h.set("Idempotency-Key", "same"));
        Api.Response his = api.post("/api/orders", bearer(bob), orderOf(lamp, 1), h -> h.set("Idempotency-Key", "same"));

        assertThat(his.status()).isEqualTo(201);
        assertThat(his.id()).isNotEqualTo(hers.id());
        assertThat(his.json().path("buyerId").asString()).isEqualTo(bob);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneOrder() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(() -> api.post("/api/orders", bearer(buyer), orderOf(lamp, 1), h -> h.set("Idempotency-Key", "race")));
            }
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
            assertThat(answers).extracting(Api.Response::status).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(answers).extracting(Api.Response::id).containsOnly(answers.get(0).id());
            assertThat(ordersOf(buyer)).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheCatalogIsDownOrdersAre503AndNothingIsStoredUntilItIsBack() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);

        CATALOG.stop();
        try {
            for (int i = 0; i < 8; i++) {
                Api.Response unavailable = api.post("/api/orders", bearer(buyer), orderOf(lamp, 1));
                assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
                assertThat(unavailable.headers().getContentType().toString()).contains("application/problem+json");
                assertThat(unavailable.json().path("type").asString()).endsWith("/service-unavailable");
            }
        }
        finally {
            CATALOG.start();
        }
        assertThat(ordersOf(buyer)).isZero();

        assertOrdersAreTakenAgain(buyer, lamp);
    }

    @Test
    void aCatalogThatAnswersTooSlowlyIs503Promptly() {
        String seller = user("seller");
        String buyer = user("buyer");
        String lamp = product(seller, "10", 5);

        CATALOG.answerAfter(java.time.Duration.ofSeconds(5));
        try {
            long started = System.nanoTime();
            Api.Response unavailable = api.post("/api/orders", bearer(buyer), orderOf(lamp, 1));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
            // Three attempts of at most 500 ms each (test setting), not the 5 s the catalog would take.
            assertThat(tookMillis).isLessThan(4_000);
        }
        finally {
            CATALOG.answerAfter(java.time.Duration.ZERO);
        }
        assertThat(ordersOf(buyer)).isZero();
        assertOrdersAreTakenAgain(buyer, lamp);
    }

    /**
     * The circuit breaker lets calls through again soon after product-service is back. Two orders in a row
     * close it again (it tries two calls when half open), so the next test finds it as before.
     */
    private void assertOrdersAreTakenAgain(String buyer, String product) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(300))
            .until(() -> api.post("/api/orders", bearer(buyer), orderOf(product, 1)).status() == 201);
        assertThat(api.post("/api/orders", bearer(buyer), orderOf(product, 1)).status()).isEqualTo(201);
        assertThat(ordersOf(buyer)).isEqualTo(2);
    }
}
