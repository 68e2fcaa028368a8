package io.thriftstore.wishlist.catalog;

import io.thriftstore.testing.Api;

import io.thriftstore.wishlist.AgainstRealServers;
import io.thriftstore.wishlist.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When product-service is down or hangs, the list shows stored snapshots and adding says 503. */
class CatalogFallbackIT extends AgainstRealServers {

    private final TestUser frank = newUser("Frank");

    @Test
    void theListShowsTheStoredSnapshotWhenProductServiceIsDown() {
        String lamp = catalog.list("Lamp");
        assertThat(api.put("/api/wishlist/items/" + lamp, frank.bearer()).status()).isEqualTo(201);
        catalog.update(lamp, Map.of("name", "Renamed lamp", "price", new BigDecimal("9.99")));
        catalog.stop();

        Api.Response list = api.get("/api/wishlist", frank.bearer());

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode item = list.json().path("items").get(0);
        assertThat(item.path("productId").asString()).isEqualTo(lamp);
        assertThat(item.path("name").asString()).isEqualTo("Lamp");
        assertThat(item.path("price").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(item.path("sellerId").asString()).isEqualTo("user_seller_" + lamp);
        assertThat(item.has("available")).isTrue();
        assertThat(item.path("available").isNull()).isTrue();
        assertThat(api.get("/api/wishlist/items/" + lamp, frank.bearer()).json().path("available").isNull()).isTrue();

        catalog.start();
        JsonNode current = api.get("/api/wishlist", frank.bearer()).json().path("items").get(0);
        assertThat(current.path("name").asString()).isEqualTo("Renamed lamp");
        assertThat(current.path("available").asBoolean()).isTrue();
    }

    @Test
    void aHangingProductServiceDelaysTheListOnlyUntilTheReadTimeout() {
        String stool = catalog.list("Stool");
        api.put("/api/wishlist/items/" + stool, frank.bearer());
        catalog.slowDown(Duration.ofSeconds(10));

        long start = System.nanoTime();
        Api.Response list = api.get("/api/wishlist", frank.bearer());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").get(0).path("available").isNull()).isTrue();
        // read-timeout is 2 s in these tests (the stub hangs for 10); the margin is for a busy build machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5_000));
    }

    @Test
    void addingWhileProductServiceIsDownIsAServiceUnavailableProblem() {
        String chair = catalog.list("Chair");
        catalog.stop();

        Api.Response refused = api.put("/api/wishlist/items/" + chair, frank.bearer());

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.json().path("type").asString()).endsWith("/service-unavailable");
        catalog.start();
        assertThat(api.get("/api/wishlist", frank.bearer()).json().path("items")).isEmpty();
        assertThat(api.put("/api/wishlist/items/" + chair, frank.bearer()).status()).isEqualTo(201);
    }
}
