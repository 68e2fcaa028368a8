package io.thriftstore.wishlist.wishlist;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.wishlist.AgainstRealServers;
import io.thriftstore.wishlist.TestUser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A wishlist holds at most 500 items; a full one is still listed in full. */
class WishlistLimitIT extends AgainstRealServers {

    private final TestUser dave = newUser("Dave");

    @Test
    void aFullWishlistRefusesANewItemButAcceptsOneItAlreadyHas() {
        List<String> products = fillWishlist(dave, Wishlists.MAX_ITEMS);
        String oneTooMany = catalog.list("One too many");

        Api.Response refused = api.put("/api/wishlist/items/" + oneTooMany, dave.bearer());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("type").asString()).endsWith("/conflict");
        assertThat(api.put("/api/wishlist/items/" + products.get(0), dave.bearer()).status()).isEqualTo(200);

        api.delete("/api/wishlist/items/" + products.get(1), dave.bearer());
        assertThat(api.put("/api/wishlist/items/" + oneTooMany, dave.bearer()).status()).isEqualTo(201);
        published.awaitQuiet();
        assertThat(published.of(EventType.WISHLIST_ITEM_ADDED, dave.id())).hasSize(1);
    }

    @Test
    void aFullWishlistIsListedWithCurrentDataInBulkLookupsProductServiceAccepts() {
        TestUser erin = newUser("Erin");
        fillWishlist(erin, Wishlists.MAX_ITEMS);
        catalog.clearBulkSizes();

        Api.Response list = api.get("/api/wishlist", erin.bearer());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(Wishlists.MAX_ITEMS);
        list.json().path("items").forEach(item -> assertThat(item.path("available").asBoolean()).isTrue());
        assertThat(catalog.bulkSizes()).containsExactly(100, 100, 100, 100, 100);
    }

    /** Rows written straight into the table (products listed in the stub), as if added one by one. */
    private List<String> fillWishlist(TestUser user, int count) {
        List<String> products = new ArrayList<>();
        Instant addedAt = Instant.now().minusSeconds(count);
        for (int i = 0; i < count; i++) {
            String product = catalog.list("Item " + i);
            products.add(product);
            jdbc.sql("""
                    INSERT INTO wishlist_item (user_id, product_id, product_name, price, currency, seller_id, added_at)
                    VALUES (?, ?, ?, 25.00, 'USD', ?, ?)""")
                .params(user.id(), product, "Item " + i, "user_seller_" + product,
                    java.sql.Timestamp.from(addedAt.plusSeconds(i)))
                .update();
        }
        return products;
    }
}
