package io.thriftstore.product.catalog;

import io.thriftstore.testing.Api;

import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.TestUser;
import io.thriftstore.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.thriftstore.product.Listings.item;
import static io.thriftstore.product.Listings.list;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing, reading, changing and archiving products, as sellers and buyers use the API. */
@ProductServiceIT
class ProductApiIT {

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
    void aSellerListsAnItemThatAnyoneCanRead() {
        Api.Response created = api.post("/api/products", alice.bearer(), item("sellerId", "user_mallory", "sellerName", "Mallory"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode product = created.json();
        String id = product.path("id").asString();
        assertThat(created.headers().getLocation()).hasToString("http://localhost:" + port + "/api/products/" + id);
        assertThat(created.headers().getETag()).isEqualTo("\"0\"");
        assertThat(product.path("sellerId").asString()).as("the seller comes from the token").isEqualTo(alice.id());
        assertThat(product.path("sellerName").asString()).isEqualTo("Alice");
        assertThat(product.path("name").asString()).isEqualTo("Desk lamp");
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(product.path("currency").asString()).isEqualTo("USD");
        assertThat(product.path("category").asString()).isEqualTo("furniture");
        assertThat(product.path("condition").asString()).isEqualTo("GOOD");
        assertThat(product.path("quantity").asInt()).isEqualTo(3);
        assertThat(product.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(product.path("version").asLong()).isZero();
        assertThat(product.path("createdAt").asString()).endsWith("Z");

        Api.Response anonymousRead = api.get("/api/products/" + id, null);
        assertThat(anonymousRead.status()).isEqualTo(200);
        assertThat(anonymousRead.json()).isEqualTo(product);
        assertThat(anonymousRead.headers().getETag()).isEqualTo("\"0\"");
    }

    @Test
    void anItemWithoutStockIsListedAsSoldOut() {
        Api.Response created = api.post("/api/products", alice.bearer(), item("quantity", 0));

        assertThat(created.json().path("status").asString()).isEqualTo("SOLD_OUT");
    }

    @Test
    void writingNeedsAValidTokenAndChangingAProductIsForItsSellerOnly() {
        String id = list(api, alice);
        String path = "/api/products/" + id;
        String forged = TestTokens.forUser(alice.id(), "Alice").signedByAnotherKey().bearer();
        String expired = TestTokens.forUser(alice.id(), "Alice").expired().bearer();

        assertThat(api.post("/api/products", null, item()).status()).isEqualTo(401);
        assertThat(api.post("/api/products", forged, item()).status()).isEqualTo(401);
        assertThat(api.post("/api/products", expired, item()).status()).isEqualTo(401);

        assertThat(api.patch(path, null, Map.of("price", 10)).status()).isEqualTo(401);
        assertThat(api.patch(path, forged, Map.of("price", 10)).status()).isEqualTo(401);
        assertThat(api.patch(path, bob.bearer(), Map.of("price", 10)).status()).isEqualTo(403);

        assertThat(api.delete(path, null).status()).isEqualTo(401);
        assertThat(api.delete(path, bob.bearer()).status()).isEqualTo(403);

        assertThat(api.get(path, null).json().path("price").decimalValue())
            .as("nothing changed").isEqualByComparingTo("12.50");
        assertThat(api.get(path, null).json().path("status").asString()).isEqualTo("ACTIVE");

        Api.Response updated = api.patch(path, alice.bearer(), Map.of("price", 10));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("price").decimalValue()).isEqualByComparingTo("10.00");

        Api.Response archived = api.delete(path, alice.bearer());
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().path("status").asString()).isEqualTo("ARCHIVED");

        Map<String, String> relist = Map.of("status", "ACTIVE");
        assertThat(api.patch(path, null, relist).status()).isEqualTo(401);
        assertThat(api.patch(path, bob.bearer(), relist).status()).isEqualTo(403);
        Api.Response relisted = api.patch(path, alice.bearer(), relist);
        assertThat(relisted.status()).isEqualTo(200);
        assertThat(relisted.json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aProblemIsAProblemJsonWithAStableType() {
        Api.Response forbidden = api.patch("/api/products/" + list(api, alice), bob.bearer(), Map.of("price", 10));

        assertThat(forbidden.headers().getContentType()).hasToString("application/problem+json");
        assertThat(forbidden.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/forbidden");
        assertThat(forbidden.json().path("status").asInt()).isEqualTo(403);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        for (String id : List.of("000000000000000000000000", "not-an-id", "12345", "zzzzzzzzzzzzzzzzzzzzzzzz")) {
            assertThat(api.get("/api/products/" + id, null).status()).as(id).isEqualTo(404);
            assertThat(api.patch("/api/products/" + id, alice.bearer(), Map.of("price", 10)).status()).as(id).isEqualTo(404);
            assertThat(api.delete("/api/products/" + id, alice.bearer()).status()).as(id).isEqualTo(404);
        }
        assertThat(api.get("/api/products/not-an-id", null).json().path("type").asString())
            .isEqualTo("https://thriftstore.dev/problems/not-found");
    }

    @Test
    void anUpdateMergesTheGivenFieldsAndMovesTheVersionOn() {
        String path = "/api/products/" + list(api, alice);

        Api.Response updated = api.patch(path, alice.bearer(), "\"0\"", Map.of("name", "Brass desk lamp", "quantity", 5));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.headers().getETag()).isEqualTo("\"1\"");
        JsonNode product = updated.json();
        assertThat(product.path("name").asString()).isEqualTo("Brass desk lamp");
        assertThat(product.path("quantity").asInt()).isEqualTo(5);
        assertThat(product.path("description").asString()).as("absent fields stay").isEqualTo("Brass, works fine");
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(product.path("version").asLong()).isEqualTo(1);
        assertThat(api.get(path, null).json()).isEqualTo(product);
    }

    @Test
    void anUpdateBasedOnAnOldVersionIsRefused() {
        String path = "/api/products/" + list(api, alice);
        api.patch(path, alice.bearer(), "\"0\"", Map.of("price", 11));

        Api.Response stale = api.patch(path, alice.bearer(), "\"0\"", Map.of("price", 9));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/precondition-failed");
        assertThat(api.get(path, null).json().path("price").decimalValue()).isEqualByComparingTo("11.00");
    }

    @Test
    void soldOutFollowsTheStockWhenTheSellerChangesIt() {
        String path = "/api/products/" + list(api, alice);

        assertThat(api.patch(path, alice.bearer(), Map.of("quantity", 0)).json().path("status").asString()).isEqualTo("SOLD_OUT");
        assertThat(api.patch(path, alice.bearer(), Map.of("quantity", 2)).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void anArchivedItemIsStillReadableButListedOnlyToItsSeller() {
        String archived = list(api, alice, "name", "Old radio");
        String active = list(api, alice, "name", "New radio");
        String soldOut = list(api, alice, "name", "Sold radio", "quantity", 0);
        api.delete("/api/products/" + archived, alice.bearer());

        assertThat(api.get("/api/products/" + archived, null).json().path("status").asString()).isEqualTo("ARCHIVED");
        assertThat(ids(api.get("/api/products?sellerId=" + alice.id(), null)))
            .containsExactlyInAnyOrder(active, soldOut);
        assertThat(ids(api.get("/api/products?sellerId=" + alice.id(), alice.bearer())))
            .as("the default list leaves archived items out for their seller too").containsExactlyInAnyOrder(active, soldOut);

        assertThat(ids(api.get("/api/products?sellerId=" + alice.id() + "&status=ARCHIVED", alice.bearer())))
            .containsExactly(archived);
        assertThat(ids(api.get("/api/products?sellerId=" + alice.id() + "&status=ARCHIVED&status=ACTIVE&status=SOLD_OUT",
            alice.bearer()))).as("all of the seller's own listings").containsExactlyInAnyOrder(archived, active, soldOut);
        assertThat(api.get("/api/products?sellerId=" + alice.id() + "&status=ARCHIVED", bob.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/api/products?status=ARCHIVED", alice.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/api/products?sellerId=" + alice.id() + "&status=ARCHIVED", null).status()).isEqualTo(401);

        api.patch("/api/products/" + archived, alice.bearer(), Map.of("status", "ACTIVE"));
        assertThat(ids(api.get("/api/products?sellerId=" + alice.id(), null))).contains(archived);
    }

    @Test
    void bulkLookupReturnsTheKnownProductsInTheOrderAsked() {
        String first = list(api, alice, "name", "First");
        String second = list(api, bob, "name", "Second");
        api.delete("/api/products/" + second, bob.bearer());

        Api.Response found = api.post("/api/products/bulk", null,
            Map.of("ids", List.of(second, "000000000000000000000000", "not-an-id", first, second)));

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        found.json().forEach(product -> names.add(product.path("name").asString()));
        assertThat(names).containsExactly("Second", "First");
    }

    @Test
    void bulkLookupTakesAtMostAHundredIds() {
        List<String> ids = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "000000000000000000000000").toList();

        Api.Response tooMany = api.post("/api/products/bulk", null, Map.of("ids", ids));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorFields()).containsExactly("ids");
        assertThat(api.post("/api/products/bulk", null, Map.of("ids", ids.subList(0, 100))).status()).isEqualTo(200);
    }

    @Test
    void categoriesAreTheFixedList() {
        Api.Response categories = api.get("/api/categories", null);

        assertThat(categories.status()).isEqualTo(200);
        List<String> values = new java.util.ArrayList<>();
        categories.json().forEach(category -> values.add(category.asString()));
        assertThat(values).containsExactly("books", "electronics", "furniture", "clothing", "kitchen", "sports", "music",
            "stationery", "other");
    }

    @Test
    void theApiIsDocumented() {
        Api.Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/products")).isTrue();
        assertThat(paths.has("/api/products/{id}/images")).isTrue();
        assertThat(paths.has("/api/images/{imageId}")).isTrue();
        assertThat(docs.toString()).doesNotContain("CurrentUser");
    }

    @Test
    void theServiceReportsItselfReady() {
        Api.Response health = api.get("/actuator/health/readiness", null);

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health", null).json().path("status").asString()).as("MongoDB included").isEqualTo("UP");
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return io.thriftstore.product.Listings.ids(page);
    }
}
