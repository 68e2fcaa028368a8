package io.thriftstore.wishlist.wishlist;

import io.thriftstore.testing.Api;

import io.thriftstore.wishlist.AgainstRealServers;
import io.thriftstore.wishlist.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding, listing and removing items over HTTP; each wishlist is its owner's alone. */
class WishlistApiIT extends AgainstRealServers {

    private final TestUser alice = newUser("Alice");
    private final TestUser bob = newUser("Bob");

    @Test
    void addingAProductIsCreatedOnceThenAcknowledged() {
        String lamp = catalog.list("Brass lamp");

        Api.Response first = api.put("/api/wishlist/items/" + lamp, alice.bearer());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.headers().getLocation()).hasToString("http://localhost:" + port + "/api/wishlist/items/" + lamp);
        assertThat(first.json().path("productId").asString()).isEqualTo(lamp);
        assertThat(first.json().path("name").asString()).isEqualTo("Brass lamp");
        assertThat(first.json().path("price").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(first.json().path("currency").asString()).isEqualTo("USD");
        assertThat(first.json().path("sellerId").asString()).isEqualTo("user_seller_" + lamp);
        assertThat(first.json().path("available").asBoolean()).isTrue();
        assertThat(first.json().path("addedAt").asString()).isNotBlank();

        Api.Response again = api.put("/api/wishlist/items/" + lamp, alice.bearer());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("addedAt").asString()).isEqualTo(first.json().path("addedAt").asString());

        JsonNode items = api.get("/api/wishlist", alice.bearer()).json().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("productId").asString()).isEqualTo(lamp);
    }

    @Test
    void theListShowsCurrentProductDataAndWhetherItCanBeBought() {
        String inStock = catalog.list("Chair");
        String soldOut = catalog.list("Desk");
        String archived = catalog.list("Shelf");
        String gone = catalog.list("Rug");
        for (String product : new String[] {inStock, soldOut, archived, gone}) {
            assertThat(api.put("/api/wishlist/items/" + product, alice.bearer()).status()).isEqualTo(201);
        }
        catalog.update(inStock, Map.of("name", "Oak chair", "price", new BigDecimal("19.50")));
        catalog.update(soldOut, Map.of("status", "SOLD_OUT", "quantity", 0));
        catalog.update(archived, Map.of("status", "ARCHIVED"));
        catalog.forget(gone);
        catalog.clearBulkSizes();

        Api.Response list = api.get("/api/wishlist", alice.bearer());

        assertThat(list.status()).isEqualTo(200);
        Map<String, JsonNode> byId = byProductId(list.json().path("items"));
        assertThat(byId.get(inStock).path("name").asString()).isEqualTo("Oak chair");
        assertThat(byId.get(inStock).path("price").decimalValue()).isEqualByComparingTo("19.50");
        assertThat(byId.get(inStock).path("available").asBoolean()).isTrue();
        assertThat(byId.get(soldOut).path("available").isBoolean()).isTrue();
        assertThat(byId.get(soldOut).path("available").asBoolean()).isFalse();
        assertThat(byId.get(archived).path("available").asBoolean()).isFalse();
        assertThat(byId.get(gone).path("available").isBoolean()).isTrue();
        assertThat(byId.get(gone).path("available").asBoolean()).isFalse();
        assertThat(byId.get(gone).path("name").asString()).as("the snapshot").isEqualTo("Rug");
        assertThat(catalog.bulkSizes()).as("one bulk lookup for the whole list").containsExactly(4);
        // Most recently added first.
        assertThat(list.json().path("items").get(0).path("productId").asString()).isEqualTo(gone);
    }

    @Test
    void whetherOneProductIsOnTheWishlistIsAnsweredWithoutAnError() {
        String lamp = catalog.list("Reading lamp");
        String stool = catalog.list("Stool");
        api.put("/api/wishlist/items/" + lamp, alice.bearer());

        Api.Response on = api.get("/api/wishlist?productId=" + lamp, alice.bearer());
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().path("items")).hasSize(1);
        assertThat(on.json().path("items").get(0).path("name").asString()).isEqualTo("Reading lamp");
        Api.Response off = api.get("/api/wishlist?productId=" + stool, alice.bearer());
        assertThat(off.status()).as("not on the wishlist is a normal answer").isEqualTo(200);
        assertThat(off.json().path("items")).isEmpty();
        assertThat(api.get("/api/wishlist?productId=" + lamp, bob.bearer()).json().path("items")).isEmpty();
    }

    @Test
    void aProductIdThatCannotBeOneIsA400NotA500() {
        for (String bad : new String[] {"%00", "a%0Ab", "", "x".repeat(101)}) {
            Api.Response answer = api.get("/api/wishlist?productId=" + bad, alice.bearer());
            assertThat(answer.status()).as("productId=%s", bad).isEqualTo(400);
            assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        }
    }

    @Test
    void anUnknownProductCannotBeAdded() {
        Api.Response unknown = api.put("/api/wishlist/items/0123456789abcdef01234567", alice.bearer());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().getContentType()).hasToString("application/problem+json");
        assertThat(unknown.json().path("type").asString()).endsWith("/not-found");

        assertThat(api.put("/api/wishlist/items/not%20an%20id", alice.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/api/wishlist", alice.bearer()).json().path("items")).isEmpty();
    }

    @Test
    void removingIsIdempotent() {
        String vase = catalog.list("Vase");
        api.put("/api/wishlist/items/" + vase, alice.bearer());

        assertThat(api.delete("/api/wishlist/items/" + vase, alice.bearer()).status()).isEqualTo(204);
        assertThat(api.delete("/api/wishlist/items/" + vase, alice.bearer()).status()).isEqualTo(204);
        assertThat(api.delete("/api/wishlist/items/never-added", alice.bearer()).status()).isEqualTo(204);

        assertThat(api.get("/api/wishlist", alice.bearer()).json().path("items")).isEmpty();
        assertThat(api.get("/api/wishlist/items/" + vase, alice.bearer()).status()).isEqualTo(404);
    }

    @Test
    void nobodyElseSeesOrChangesSomeonesWishlist() {
        String guitar = catalog.list("Guitar");
        api.put("/api/wishlist/items/" + guitar, alice.bearer());

        assertThat(api.get("/api/wishlist", bob.bearer()).json().path("items")).isEmpty();
        assertThat(api.get("/api/wishlist/items/" + guitar, bob.bearer()).status()).isEqualTo(404);
        assertThat(api.delete("/api/wishlist/items/" + guitar, bob.bearer()).status()).isEqualTo(204);

        assertThat(api.get("/api/wishlist", alice.bearer()).json().path("items")).hasSize(1);
        assertThat(api.get("/api/wishlist/items/" + guitar, alice.bearer()).status()).isEqualTo(200);

        // Bob wishing for the same product is his own item, not a duplicate of Alice's.
        assertThat(api.put("/api/wishlist/items/" + guitar, bob.bearer()).status()).isEqualTo(201);
    }

    @Test
    void aWishlistNeedsASignedInUser() {
        assertThat(api.get("/api/wishlist", null).status()).isEqualTo(401);
        assertThat(api.put("/api/wishlist/items/" + catalog.list("Kettle"), null).status()).isEqualTo(401);
        assertThat(api.delete("/api/wishlist/items/x", null).status()).isEqualTo(401);
        assertThat(api.get("/api/wishlist", "Bearer not-a-token").status()).isEqualTo(401);
    }

    private static Map<String, JsonNode> byProductId(JsonNode items) {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        items.forEach(item -> byId.put(item.path("productId").asString(), item));
        return byId;
    }
}
