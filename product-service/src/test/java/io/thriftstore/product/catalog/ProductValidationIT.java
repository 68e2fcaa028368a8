package io.thriftstore.product.catalog;

import io.thriftstore.testing.Api;

import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.thriftstore.product.Listings.item;
import static io.thriftstore.product.Listings.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every rule a listing must follow: refused with 400 and an error naming the field, and its limits accepted. */
@ProductServiceIT
class ProductValidationIT {

    @LocalServerPort
    int port;

    Api api;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** The path of an image, well-formed but uploaded to no product (images are ProductImagesIT's). */
    static final String UNKNOWN_IMAGE = "/api/images/0123456789abcdef01234567";

    static Stream<Arguments> invalidListings() {
        return Stream.of(
            arguments("name", null),
            arguments("name", ""),
            arguments("name", "   "),
            arguments("name", "x".repeat(121)),
            arguments("description", "x".repeat(5001)),
            arguments("price", null),
            arguments("price", 0),
            arguments("price", -1),
            arguments("price", 0.001),
            arguments("price", 12.345),
            arguments("price", 1_000_000.01),
            arguments("price", "cheap"),
            arguments("currency", "EUR"),
            arguments("category", null),
            arguments("category", "cars"),
            arguments("category", "BOOKS"),
            arguments("condition", null),
            arguments("condition", "BROKEN"),
            arguments("quantity", null),
            arguments("quantity", -1),
            arguments("quantity", 10_001),
            arguments("quantity", "many"),
            arguments("imageUrls", Collections.nCopies(9, UNKNOWN_IMAGE)),
            arguments("imageUrls", List.of("https://img.example/a.jpg")),
            arguments("imageUrls", List.of("http://localhost:5010" + UNKNOWN_IMAGE)),
            arguments("imageUrls", List.of("ftp://img.example/a.jpg")),
            arguments("imageUrls", List.of("javascript:alert(1)")),
            arguments("imageUrls", List.of("not a url")),
            arguments("imageUrls", List.of("//img.example/api/images/0123456789abcdef01234567")),
            arguments("imageUrls", List.of(UNKNOWN_IMAGE)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidListings")
    void anInvalidListingIsRefusedNamingTheField(String field, Object value) {
        // A null value leaves the field out of the request.
        Api.Response refused = api.post("/api/products", seller.bearer(), item(field, value));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.errorFields()).as(refused.toString()).allMatch(error -> error.startsWith(field)).isNotEmpty();
        assertThat(api.get("/api/products?sellerId=" + seller.id(), null).json().path("page").path("totalElements").asLong())
            .as("nothing was listed").isZero();
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        Api.Response largest = api.post("/api/products", seller.bearer(), item(
            "name", "x".repeat(120), "description", "y".repeat(5000), "price", 1_000_000, "currency", "usd",
            "quantity", 10_000));
        Api.Response smallest = api.post("/api/products", seller.bearer(), item(
            "name", "x", "description", "", "price", 0.01, "currency", "USD", "quantity", 0, "imageUrls", List.of()));

        assertThat(largest.status()).as(largest.toString()).isEqualTo(201);
        assertThat(largest.json().path("currency").asString()).isEqualTo("USD");
        assertThat(smallest.status()).as(smallest.toString()).isEqualTo(201);
        assertThat(smallest.json().path("price").decimalValue()).isEqualByComparingTo("0.01");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Api.Response refused = api.post("/api/products", seller.bearer(),
            item("name", "", "price", 0, "quantity", -1, "currency", "GBP"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("currency", "name", "price", "quantity");
        assertThat(refused.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/validation");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        Api.Response malformed = api.post("/api/products", seller.bearer(), "{\"name\": ");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("type").asString()).isEqualTo("https://thriftstore.dev/problems/malformed-request");
    }

    static Stream<Arguments> invalidChanges() {
        return Stream.of(
            arguments("name", ""),
            arguments("name", "x".repeat(121)),
            arguments("description", "x".repeat(5001)),
            arguments("price", 0),
            arguments("price", 1.999),
            arguments("currency", "EUR"),
            arguments("category", "cars"),
            arguments("condition", "MINT"),
            arguments("quantity", -1),
            arguments("quantity", 10_001),
            arguments("status", "SOLD_OUT"),
            arguments("status", "DELETED"),
            arguments("imageUrls", List.of("data:image/png;base64,AAAA")),
            arguments("imageUrls", List.of("https://img.example/a.jpg")),
            arguments("imageUrls", List.of(UNKNOWN_IMAGE)),
            arguments("imageUrls", Collections.nCopies(9, UNKNOWN_IMAGE)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidChanges")
    void anInvalidChangeIsRefusedNamingTheField(String field, Object value) {
        String path = "/api/products/" + list(api, seller);

        Api.Response refused = api.patch(path, seller.bearer(), Map.of(field, value));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorFields()).as(refused.toString()).allMatch(error -> error.startsWith(field)).isNotEmpty();
        assertThat(api.get(path, null).json().path("version").asLong()).as("nothing changed").isZero();
    }
}
