package io.thriftstore.consumer;

import java.util.List;
import java.util.Map;

import io.thriftstore.platform.events.NotificationCreated;
import io.thriftstore.testing.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN "saved searches (consumer-service)": the REST API (own searches only, at most 20, bad input 400)
 * and NEW_MATCH for products listed or back to ACTIVE, once per search and product, never for one's own item.
 */
@ConsumerServiceIT
class SavedSearchesIT {

    @LocalServerPort
    int port;

    @Autowired
    Events events;

    @Autowired
    Told told;

    final TestUser shopper = TestUser.named("Sara Shopper");
    final TestUser seller = TestUser.named("Sam Seller");

    Api api() {
        return new Api(port);
    }

    @Test
    void aShopperSavesListsAndDeletesTheirOwnSearches() {
        Api.Response saved = api().post("/api/saved-searches", shopper.bearer(),
            Map.of("q", "  Brass lamp ", "category", "furniture", "maxPrice", 30));
        assertThat(saved.status()).isEqualTo(201);
        JsonNode search = saved.json();
        assertThat(search.get("q").asString()).isEqualTo("Brass lamp");
        assertThat(search.get("category").asString()).isEqualTo("furniture");
        assertThat(search.get("maxPrice").decimalValue()).isEqualByComparingTo("30");
        assertThat(search.get("createdAt").asString()).isNotBlank();
        assertThat(saved.headers().getLocation()).hasToString("/api/saved-searches/" + saved.id());
        Api.Response categoryOnly = api().post("/api/saved-searches", shopper.bearer(), Map.of("category", "books"));
        assertThat(categoryOnly.status()).isEqualTo(201);
        assertThat(categoryOnly.json().get("q").isNull()).isTrue();
        assertThat(categoryOnly.json().get("maxPrice").isNull()).isTrue();

        JsonNode mine = api().get("/api/saved-searches", shopper.bearer()).json();
        assertThat(mine.get("items").findValuesAsString("id")).containsExactly(categoryOnly.id(), saved.id());

        TestUser stranger = TestUser.named("Stan Stranger");
        assertThat(api().get("/api/saved-searches", stranger.bearer()).json().get("items")).isEmpty();
        assertThat(api().delete("/api/saved-searches/" + saved.id(), stranger.bearer()).status()).isEqualTo(404);
        assertThat(api().delete("/api/saved-searches/" + saved.id(), shopper.bearer()).status()).isEqualTo(204);
        assertThat(api().delete("/api/saved-searches/" + saved.id(), shopper.bearer()).status()).isEqualTo(404);
        assertThat(api().delete("/api/saved-searches/not-a-uuid", shopper.bearer()).status()).isEqualTo(404);
        assertThat(api().get("/api/saved-searches", shopper.bearer()).json().get("items").findValuesAsString("id"))
            .containsExactly(categoryOnly.id());
        assertThat(api().get("/api/saved-searches", null).status()).isEqualTo(401);
        assertThat(api().post("/api/saved-searches", null, Map.of("category", "books")).status()).isEqualTo(401);
    }

    @Test
    void theTwentyFirstSearchIsAConflictAndTheSameSearchTwiceIsOne() {
        TestUser keen = TestUser.named("Kim Keen");
        for (int i = 0; i < 20; i++) {
            assertThat(api().post("/api/saved-searches", keen.bearer(), Map.of("q", "item" + i)).status()).isEqualTo(201);
        }
        Api.Response again = api().post("/api/saved-searches", keen.bearer(), Map.of("q", "ITEM7"));
        assertThat(again.status()).as("the same words in another case are the same search").isEqualTo(200);

        Api.Response tooMany = api().post("/api/saved-searches", keen.bearer(), Map.of("q", "one more"));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.headers().getContentType()).hasToString("application/problem+json");
        assertThat(api().get("/api/saved-searches", keen.bearer()).json().get("items")).hasSize(20);
    }

    @Test
    void badInputIsAFieldProblemNeverAServerError() {
        String bearer = shopper.bearer();
        assertThat(api().post("/api/saved-searches", bearer, Map.of()).status()).isEqualTo(400);
        assertThat(api().post("/api/saved-searches", bearer, Map.of("q", "  ?! ")).status())
            .as("punctuation alone is no word").isEqualTo(400);
        assertThat(api().post("/api/saved-searches", bearer, Map.of("category", "cars")).errorFields()).containsExactly("category");
        assertThat(api().post("/api/saved-searches", bearer, Map.of("maxPrice", 0)).errorFields()).containsExactly("maxPrice");
        assertThat(api().post("/api/saved-searches", bearer, Map.of("maxPrice", "1.234")).errorFields()).containsExactly("maxPrice");
        assertThat(api().post("/api/saved-searches", bearer, Map.of("q", "x".repeat(201))).errorFields()).containsExactly("q");
        assertThat(api().post("/api/saved-searches", bearer, Map.of("q", "lamp\u0000")).errorFields()).containsExactly("q");
        assertThat(api().post("/api/saved-searches", bearer, "{\"maxPrice\": \"cheap\"}").status()).isEqualTo(400);
        Api.Response broken = api().post("/api/saved-searches", bearer, "{\"q\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.headers().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void aListedProductThatMatchesTellsEachSearchOwnerOnceNeverTheSeller() {
        String lamp = save(shopper, Map.of("q", "brass LAMP", "category", "furniture", "maxPrice", 30));
        TestUser priceOnly = TestUser.named("Pat Price");
        save(priceOnly, Map.of("maxPrice", "25.50"));
        TestUser tooCheap = TestUser.named("Tom Tight");
        save(tooCheap, Map.of("q", "lamp", "maxPrice", 20));
        TestUser otherCategory = TestUser.named("Olga Other");
        save(otherCategory, Map.of("q", "lamp", "category", "books"));
        TestUser missingWord = TestUser.named("Mo Missing");
        save(missingWord, Map.of("q", "brass lamp shade"));
        save(seller, Map.of("q", "lamp"));

        Events.Product product = events.listing(seller, "Desk lamp", "Solid brass, works well.", "furniture", "24.50");
        told.settle();

        List<NotificationCreated> toShopper = told.of(shopper);
        assertThat(toShopper).singleElement().satisfies(notice -> {
            assertThat(notice.type()).isEqualTo("NEW_MATCH");
            assertThat(notice.title()).isEqualTo("New match: Desk lamp");
            assertThat(notice.body()).isEqualTo(
                "Desk lamp from Sam Seller (24.50 USD) matches your saved search \u201Cbrass LAMP\u201D in furniture up to 30.00 USD.");
            assertThat(notice.link()).isEqualTo("/products/" + product.id);
            assertThat(notice.body()).doesNotContain(product.id, lamp, seller.id());
        });
        assertThat(told.of(priceOnly)).extracting(NotificationCreated::body)
            .containsExactly("Desk lamp from Sam Seller (24.50 USD) matches your saved search up to 25.50 USD.");
        assertThat(told.of(tooCheap)).as("price above the maximum").isEmpty();
        assertThat(told.of(otherCategory)).as("another category").isEmpty();
        assertThat(told.of(missingWord)).as("a word of the search is not in the product").isEmpty();
        assertThat(told.of(seller)).as("never about one's own item").isEmpty();

        // A redelivery of the same event tells nobody again.
        events.send(product.lastEvent);
        told.settle();
        assertThat(told.of(shopper)).hasSize(1);
    }

    @Test
    void aProductBackToActiveTellsOnlySearchesNotToldAboutItBefore() {
        TestUser early = TestUser.named("Eve Early");
        save(early, Map.of("q", "record player"));
        Events.Product player = events.listing(seller, "Record player", "Belt drive turntable", "music", "60");
        told.settle();
        assertThat(told.of(early)).hasSize(1);

        player.archived();
        TestUser late = TestUser.named("Lou Late");
        save(late, Map.of("q", "turntable", "category", "music"));
        told.settle();
        assertThat(told.of(late)).as("an archived product matches nothing").isEmpty();

        player.relisted();
        told.settle();
        assertThat(told.of(late)).extracting(NotificationCreated::type).containsExactly("NEW_MATCH");
        assertThat(told.of(early)).as("once per search and product, relisted or not").hasSize(1);

        // An edit of an ACTIVE product is not "to ACTIVE": a search saved now waits for the next listing.
        TestUser later = TestUser.named("Lee Later");
        save(later, Map.of("q", "turntable"));
        player.updated("55", 1);
        told.settle();
        assertThat(told.of(later)).isEmpty();

        // Sold out, then restocked: back to ACTIVE.
        player.updated("55", 0);
        player.updated("55", 2);
        told.settle();
        assertThat(told.of(later)).extracting(NotificationCreated::type).containsExactly("NEW_MATCH");
        assertThat(told.of(late)).hasSize(1);
    }

    @Test
    void aDeletedSearchIsToldNothing() {
        TestUser fickle = TestUser.named("Fay Fickle");
        String id = save(fickle, Map.of("q", "kettle"));
        assertThat(api().delete("/api/saved-searches/" + id, fickle.bearer()).status()).isEqualTo(204);

        events.listing(seller, "Electric kettle", "1.7 litres", "kitchen", "15");
        told.settle();

        assertThat(told.of(fickle)).isEmpty();
    }

    private String save(TestUser user, Map<String, Object> search) {
        Api.Response response = api().post("/api/saved-searches", user.bearer(), search);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
