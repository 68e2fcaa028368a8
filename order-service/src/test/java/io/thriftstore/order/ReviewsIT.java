package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.thriftstore.platform.events.OrderEvent;
import tools.jackson.databind.JsonNode;

/** The buyer's review of a delivered order, and a seller's public rating and reviews (DESIGN "reviews"). */
class ReviewsIT extends OrderServiceIntegrationTest {

    @Test
    void theBuyerRatesADeliveredOrderOnceAndTheSellerIsToldThroughTheOutbox() {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = delivered(seller, buyer);

        Api.Response reviewed = api.post("/api/orders/" + id + "/review", bearer(buyer),
            Map.of("rating", 4, "comment", "  Works perfectly, friendly hand-over.  "));

        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(201);
        assertThat(reviewed.headers().getLocation()).hasToString("/api/orders/" + id);
        JsonNode review = reviewed.json();
        assertThat(review.path("orderId").asString()).isEqualTo(id);
        assertThat(review.path("productName").asString()).startsWith("Item ");
        assertThat(review.path("rating").asInt()).isEqualTo(4);
        assertThat(review.path("comment").asString()).isEqualTo("Works perfectly, friendly hand-over.");
        assertThat(review.path("buyerName").asString()).isEqualTo(displayName(buyer));
        assertThat(Instant.parse(review.path("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(review.has("buyerId")).isFalse();

        // The order carries its review; the status is unchanged.
        JsonNode order = api.get("/api/orders/" + id, bearer(seller)).json();
        assertThat(order.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(order.path("review").path("rating").asInt()).isEqualTo(4);

        OrderEvent event = events.await(id, "order.reviewed.v1");
        assertThat(event.status()).isEqualTo("DELIVERED");
        assertThat(event.previousStatus()).isEqualTo("DELIVERED");
        assertThat(event.actorId()).isEqualTo(buyer);
        assertThat(event.review().rating()).isEqualTo(4);
        assertThat(event.review().productName()).isEqualTo(review.path("productName").asString());
        assertThat(event.review().comment()).isEqualTo("Works perfectly, friendly hand-over.");
        assertThat(events.typesOf(id)).containsExactly("order.created.v1", "order.confirmed.v1", "order.shipped.v1",
            "order.delivered.v1", "order.reviewed.v1");

        Api.Response again = api.post("/api/orders/" + id + "/review", bearer(buyer), Map.of("rating", 1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.headers().getContentType()).hasToString("application/problem+json");
        assertThat(api.get("/api/orders/" + id, bearer(buyer)).json().path("review").path("rating").asInt()).isEqualTo(4);
    }

    @Test
    void onlyTheBuyerMayReviewAndOnlyOnceItIsDelivered() {
        String seller = user("seller");
        String buyer = user("buyer");
        String stranger = user("stranger");
        String confirmed = place(buyer, product(seller, "10", 5), 1).id();

        assertThat(api.post("/api/orders/" + confirmed + "/review", bearer(buyer), Map.of("rating", 5)).status()).isEqualTo(409);
        api.patch("/api/orders/" + confirmed, bearer(seller), Map.of("status", "SHIPPED"));
        assertThat(api.post("/api/orders/" + confirmed + "/review", bearer(buyer), Map.of("rating", 5)).status()).isEqualTo(409);

        String delivered = delivered(seller, buyer);
        assertThat(api.post("/api/orders/" + delivered + "/review", bearer(seller), Map.of("rating", 5)).status()).isEqualTo(404);
        assertThat(api.post("/api/orders/" + delivered + "/review", bearer(stranger), Map.of("rating", 5)).status()).isEqualTo(404);
        assertThat(api.post("/api/orders/not-a-uuid/review", bearer(buyer), Map.of("rating", 5)).status()).isEqualTo(404);
        assertThat(api.post("/api/orders/" + java.util.UUID.randomUUID() + "/review", bearer(buyer), Map.of("rating", 5)).status())
            .isEqualTo(404);
        assertThat(api.post("/api/orders/" + delivered + "/review", null, Map.of("rating", 5)).status()).isEqualTo(401);
        assertThat(events.typesOf(delivered)).doesNotContain("order.reviewed.v1");
        assertThat(events.typesOf(confirmed)).doesNotContain("order.reviewed.v1");
    }

    @Test
    void badRatingsAndCommentsAre400FieldErrors() {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = delivered(seller, buyer);
        String path = "/api/orders/" + id + "/review";

        for (Object rating : List.of(0, 6, -1)) {
            Api.Response refused = api.post(path, bearer(buyer), Map.of("rating", rating));
            assertThat(refused.status()).as("rating %s", rating).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly("rating");
        }
        assertThat(api.post(path, bearer(buyer), Map.of("comment", "no stars")).errorFields()).containsExactly("rating");
        Api.Response tooLong = api.post(path, bearer(buyer), Map.of("rating", 3, "comment", "x".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorFields()).containsExactly("comment");
        for (String body : List.of("{\"rating\":\"five\"}", "{\"rating\":", "[]", "{\"rating\":99999999999999999999}")) {
            Api.Response malformed = api.post(path, bearer(buyer), body);
            assertThat(malformed.status()).as(body).isEqualTo(400);
            assertThat(malformed.headers().getContentType()).hasToString("application/problem+json");
        }
        // None of it was stored: a good review still goes through.
        assertThat(api.post(path, bearer(buyer), Map.of("rating", 5, "comment", "x".repeat(500))).status()).isEqualTo(201);
    }

    @Test
    void ofTwoConcurrentReviewsOfOneOrderExactlyOneIsStored() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = delivered(seller, buyer);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int stars = 1; stars <= 4; stars++) {
            int rating = stars;
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return api.post("/api/orders/" + id + "/review", bearer(buyer), Map.of("rating", rating)).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        events.await(id, "order.reviewed.v1");
        assertThat(events.typesOf(id).stream().filter("order.reviewed.v1"::equals)).hasSize(1);
    }

    @Test
    void aSellersRatingAndReviewsArePublicNewestFirstAndPaged() {
        String seller = user("seller");
        Api.Response none = api.get("/api/sellers/" + seller + "/rating", null);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("sellerId").asString()).isEqualTo(seller);
        assertThat(none.json().path("count").asLong()).isZero();
        assertThat(none.json().path("average").isNull()).isTrue();

        List<String> reviewed = new ArrayList<>();
        for (int rating : List.of(5, 4, 4)) {
            String buyer = user("buyer");
            String id = delivered(seller, buyer);
            assertThat(api.post("/api/orders/" + id + "/review", bearer(buyer), Map.of("rating", rating)).status()).isEqualTo(201);
            reviewed.add(id);
        }
        delivered(seller, user("silent")); // delivered, never reviewed: not counted
        // Someone else's reviews do not count either.
        String other = user("other");
        String otherBuyer = user("buyer");
        api.post("/api/orders/" + delivered(other, otherBuyer) + "/review", bearer(otherBuyer), Map.of("rating", 1));

        JsonNode rating = api.get("/api/sellers/" + seller + "/rating", null).json();
        assertThat(rating.path("count").asLong()).isEqualTo(3);
        assertThat(rating.path("average").decimalValue()).isEqualByComparingTo("4.3");

        Api.Response first = api.get("/api/sellers/" + seller + "/reviews?size=2", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("page").path("totalElements").asLong()).isEqualTo(3);
        assertThat(first.json().path("page").path("totalPages").asLong()).isEqualTo(2);
        JsonNode content = first.json().path("content");
        assertThat(content).extracting(r -> r.path("orderId").asString())
            .containsExactly(reviewed.get(2), reviewed.get(1));
        assertThat(content.get(0).path("buyerName").asString()).startsWith("Name of user_buyer");
        assertThat(content.get(0).path("productName").asString()).startsWith("Item ");
        JsonNode second = api.get("/api/sellers/" + seller + "/reviews?page=1&size=2", bearer(seller)).json();
        assertThat(second.path("content")).extracting(r -> r.path("orderId").asString()).containsExactly(reviewed.get(0));

        assertThat(api.get("/api/sellers/" + seller + "/reviews?size=500", null).json().path("page").path("size").asInt())
            .isEqualTo(100);
        assertThat(api.get("/api/sellers/" + seller + "/reviews?page=-1", null).status()).isEqualTo(400);
        assertThat(api.get("/api/sellers/" + seller + "/reviews?size=0", null).status()).isEqualTo(400);
        assertThat(api.get("/api/sellers/" + seller + "/reviews?page=x", null).status()).isEqualTo(400);
        assertThat(api.get("/api/sellers/" + seller + "/rating", "Bearer not-a-token").status()).isEqualTo(401);
    }

    @Test
    void aReviewOfSeveralItemsNamesTheFirstAndCountsTheRest() {
        String seller = user("seller");
        String buyer = user("buyer");
        String a = product(seller, "10", 5);
        String b = product(seller, "12", 5);
        Api.Response placed = api.post("/api/orders", bearer(buyer), Map.of("items", List.of(
            Map.of("productId", a, "quantity", 1), Map.of("productId", b, "quantity", 2))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String id = placed.id();
        deliver(seller, id);

        JsonNode review = api.post("/api/orders/" + id + "/review", bearer(buyer), Map.of("rating", 3)).json();

        assertThat(review.path("productName").asString()).isEqualTo("Item " + a.substring(2, 8) + " and 1 more item");
        assertThat(review.path("comment").isNull()).isTrue();
        assertThat(api.get("/api/sellers/" + seller + "/reviews", null).json().path("content").get(0).path("productName").asString())
            .isEqualTo(review.path("productName").asString());
    }

    private String delivered(String seller, String buyer) {
        String id = place(buyer, product(seller, "10", 5), 1).id();
        deliver(seller, id);
        return id;
    }

    private void deliver(String seller, String id) {
        assertThat(api.patch("/api/orders/" + id, bearer(seller), Map.of("status", "SHIPPED")).status()).isEqualTo(200);
        assertThat(api.patch("/api/orders/" + id, bearer(seller), Map.of("status", "DELIVERED")).status()).isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
