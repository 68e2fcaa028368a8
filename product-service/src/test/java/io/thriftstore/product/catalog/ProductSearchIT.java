package io.thriftstore.product.catalog;

import io.thriftstore.testing.Api;

import io.thriftstore.product.Listings;
import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.thriftstore.product.Listings.list;
import static org.assertj.core.api.Assertions.assertThat;

/** Finding products: text search, filters, sort orders and pages. Each test lists its own seller's items. */
@ProductServiceIT
class ProductSearchIT {

    @LocalServerPort
    int port;

    Api api;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void textSearchMatchesNameOrDescriptionIgnoringCase() {
        String lamp = list(api, seller, "name", "Brass LAMP", "description", "old");
        String chair = list(api, seller, "name", "Chair", "description", "goes well with a lamp");
        list(api, seller, "name", "Table", "description", "oak");

        assertThat(names(search("q=lamp"))).containsExactlyInAnyOrder("Brass LAMP", "Chair");
        assertThat(ids(search("q=bRaSs"))).containsExactly(lamp);
        assertThat(ids(search("q=" + encode("WELL WITH")))).containsExactly(chair);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C++ (2nd ed.) [used]", "C++", "(2nd", "ed.)", "[used]", "$5 ^_^ | *", "\\E.*\\Q", "{1,3}?"})
    void regexMetacharactersAreMatchedLiterally(String text) {
        list(api, seller, "name", "C++ (2nd ed.) [used]", "description", "costs $5 ^_^ | * a {1,3}? \\E.*\\Q");
        list(api, seller, "name", "Cpp 2nd edition", "description", "used");

        Api.Response found = search("q=" + encode(text));

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(names(found)).containsExactly("C++ (2nd ed.) [used]");
    }

    @ParameterizedTest
    @ValueSource(strings = {".*", "[", "(", "\\", "a{99999}", "*+?", ")("})
    void aPatternThatIsNotValidAsARegexIsJustText(String text) {
        list(api, seller, "name", "Plain item");

        Api.Response found = search("q=" + encode(text));

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(ids(found)).as("no item contains that text").isEmpty();
    }

    @Test
    void filtersByCategoryAndPrice() {
        list(api, seller, "name", "Novel", "category", "books", "price", 5);
        list(api, seller, "name", "Atlas", "category", "books", "price", 25.5);
        list(api, seller, "name", "Kettle", "category", "kitchen", "price", 15);

        assertThat(names(search("category=books"))).containsExactlyInAnyOrder("Novel", "Atlas");
        assertThat(names(search("minPrice=10"))).containsExactlyInAnyOrder("Atlas", "Kettle");
        assertThat(names(search("maxPrice=15"))).containsExactlyInAnyOrder("Novel", "Kettle");
        assertThat(names(search("minPrice=15&maxPrice=15"))).containsExactly("Kettle");
        assertThat(names(search("category=books&minPrice=6"))).containsExactly("Atlas");
        assertThat(search("category=cars").status()).isEqualTo(400);
        assertThat(search("category=cars").errorFields()).containsExactly("category");
        assertThat(search("minPrice=-1").status()).isEqualTo(400);
        assertThat(search("minPrice=cheap").status()).isEqualTo(400);
        assertThat(search("status=GONE").status()).isEqualTo(400);
    }

    @Test
    void controlCharactersInTheSearchAndBlankStatusesAreRefusedNotFailures() {
        // found by the bad-input sweep: a NUL reached MongoDB's regex, a blank status an enum set (both 500)
        assertThat(search("q=lamp%00").status()).isEqualTo(400);
        assertThat(search("q=lamp%00").errorFields()).containsExactly("q");
        assertThat(search("status=%20").status()).isEqualTo(400);
        assertThat(search("status=%20").errorFields()).containsExactly("status");
    }

    @Test
    void sortsNewestFirstByDefaultOrByPrice() {
        list(api, seller, "name", "Middle", "price", 20);
        list(api, seller, "name", "Cheap", "price", 3.5);
        list(api, seller, "name", "Dear", "price", 120);

        assertThat(names(search(""))).containsExactly("Dear", "Cheap", "Middle");
        assertThat(names(search("sort=newest"))).containsExactly("Dear", "Cheap", "Middle");
        assertThat(names(search("sort=price_asc"))).containsExactly("Cheap", "Middle", "Dear");
        assertThat(names(search("sort=price_desc"))).containsExactly("Dear", "Middle", "Cheap");
        assertThat(search("sort=cheapest").status()).isEqualTo(400);
        assertThat(search("sort=cheapest").json().path("errors").get(0).path("message").asString())
            .contains("newest", "price_asc", "price_desc");
    }

    @Test
    void cardsListTheSameItemsWithOnlyWhatACardShows() {
        list(api, seller, "name", "Middle", "price", 20, "description", "A long story about a middle-priced thing");
        list(api, seller, "name", "Cheap", "price", 3.5);

        Api.Response cardPage = search("view=card&sort=price_asc");
        assertThat(names(cardPage)).containsExactly("Cheap", "Middle");
        JsonNode cards = cardPage.json();
        assertThat(cards.path("page").path("totalElements").asInt()).isEqualTo(2);
        JsonNode middle = cards.path("content").get(1);
        assertThat(middle.path("price").decimalValue()).isEqualByComparingTo("20");
        assertThat(middle.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(middle.path("sellerName").asString()).isNotBlank();
        assertThat(middle.has("description")).as("no description on a card").isFalse();
        assertThat(middle.has("quantity")).isFalse();
        assertThat(middle.path("imageUrl").isNull()).as("no image yet").isTrue();
        assertThat(names(search("view=full&sort=price_asc"))).containsExactly("Cheap", "Middle");
        assertThat(search("view=tiles").status()).isEqualTo(400);
        assertThat(search("view=tiles").json().path("errors").get(0).path("message").asString()).contains("full", "card");
    }

    @Test
    void pagesAreBoundedAndCarryTheirTotals() {
        for (int i = 0; i < 5; i++) {
            list(api, seller, "name", "Item " + i);
        }

        JsonNode first = search("size=2&page=0").json();
        JsonNode third = search("size=2&page=2").json();
        JsonNode beyond = search("size=2&page=3").json();
        assertThat(first.path("page").path("size").asInt()).isEqualTo(2);
        assertThat(first.path("page").path("number").asInt()).isZero();
        assertThat(first.path("page").path("totalElements").asLong()).isEqualTo(5);
        assertThat(first.path("page").path("totalPages").asLong()).isEqualTo(3);
        assertThat(first.path("content").size()).isEqualTo(2);
        assertThat(third.path("content").size()).isEqualTo(1);
        assertThat(beyond.path("content").size()).isZero();
        assertThat(beyond.path("page").path("totalElements").asLong()).isEqualTo(5);

        List<String> all = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            all.addAll(names(search("size=2&page=" + page)));
        }
        assertThat(all).as("pages neither overlap nor skip").containsExactly("Item 4", "Item 3", "Item 2", "Item 1", "Item 0");

        assertThat(search("size=1000").json().path("page").path("size").asInt()).as("size is capped").isEqualTo(100);
        assertThat(search("size=0").status()).isEqualTo(400);
        assertThat(search("size=-1").status()).isEqualTo(400);
        assertThat(search("page=-1").status()).isEqualTo(400);
        assertThat(search("page=-1").errorFields()).containsExactly("page");
        assertThat(search("page=abc").status()).isEqualTo(400);
        assertThat(search("page=99999999999").status()).isEqualTo(400);
    }

    @Test
    void withoutFiltersEveryonesItemsAreListed() {
        String mine = list(api, seller, "name", "Anything");

        Api.Response everything = api.get("/api/products?size=100", null);

        assertThat(everything.status()).isEqualTo(200);
        assertThat(everything.json().path("page").path("totalElements").asLong()).isPositive();
        assertThat(Listings.ids(api.get("/api/products?sort=newest&size=100", null))).contains(mine);
    }

    /** Searches this test's seller's items. */
    private Api.Response search(String query) {
        return api.get("/api/products?sellerId=" + seller.id() + (query.isEmpty() ? "" : "&" + query), null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return Listings.ids(page);
    }

    private static List<String> names(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        page.json().path("content").forEach(product -> names.add(product.path("name").asString()));
        return names;
    }
}
