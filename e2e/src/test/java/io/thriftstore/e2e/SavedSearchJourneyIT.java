package io.thriftstore.e2e;

import static io.thriftstore.e2e.Platform.INSIGHTS;
import static io.thriftstore.e2e.Platform.NOTIFICATION;
import static io.thriftstore.e2e.Platform.PRODUCT;
import static io.thriftstore.e2e.Platform.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Saved searches across the real platform: a shopper saves a search in consumer-service (REST), a seller
 * lists a matching item in product-service, and the shopper hears NEW_MATCH live on the notification
 * socket (STOMP) and finds it in their history; once per search and product, relists included, never
 * for the seller's own item.
 */
@Order(1)
class SavedSearchJourneyIT {

    static final String NOTIFICATIONS = "/user/queue/notifications";

    @BeforeAll
    static void platform() throws Exception {
        Platform.start();
    }

    @Test
    void aShopperWhoSavedASearchHearsOfAMatchingListingLiveAndOnce() throws Exception {
        User shopper = User.named("Sophie");
        User seller = User.named("Silas");
        User latecomer = User.named("Lotte");
        String word = "teak" + UUID.randomUUID().toString().substring(0, 6); // this run's own word
        try (StompProbe shopperLive = StompProbe.connect(Platform.ws(NOTIFICATION), shopper.token()).subscribe(NOTIFICATIONS);
             StompProbe sellerLive = StompProbe.connect(Platform.ws(NOTIFICATION), seller.token()).subscribe(NOTIFICATIONS);
             StompProbe latecomerLive = StompProbe.connect(Platform.ws(NOTIFICATION), latecomer.token()).subscribe(NOTIFICATIONS)) {

            Platform.Response saved = call("POST", INSIGHTS, "/api/saved-searches", shopper.token(),
                    "{\"q\":\"" + word + " stool\",\"category\":\"furniture\",\"maxPrice\":50}");
            assertThat(saved.status()).as(saved.body()).isEqualTo(201);
            String searchId = saved.json().path("id").asString();
            // The seller's own search never hears of the seller's own item.
            assertThat(call("POST", INSIGHTS, "/api/saved-searches", seller.token(), "{\"q\":\"" + word + "\"}").status()).isEqualTo(201);
            assertThat(call("POST", INSIGHTS, "/api/saved-searches", shopper.token(), "{\"category\":\"cars\"}").status()).isEqualTo(400);

            String productId = listItem(seller, "Low " + word + " stool", "35.00");

            JsonNode match = shopperLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("NEW_MATCH"));
            assertThat(match.path("title").asString()).isEqualTo("New match: Low " + word + " stool");
            assertThat(match.path("body").asString()).contains("Silas", "35.00").doesNotContain(productId, searchId, seller.id());
            assertThat(match.path("link").asString()).isEqualTo("/products/" + productId);
            JsonNode history = call("GET", NOTIFICATION, "/api/notifications", shopper.token(), null).json();
            assertThat(history.path("content").findValuesAsString("type")).containsExactly("NEW_MATCH");

            // Archived, then relisted: the shopper was told already; a search saved in between hears of it now.
            assertThat(call("DELETE", PRODUCT, "/api/products/" + productId, seller.token(), null).status()).isEqualTo(200);
            Platform.Response late = call("POST", INSIGHTS, "/api/saved-searches", latecomer.token(), "{\"q\":\"" + word + "\"}");
            assertThat(late.status()).isEqualTo(201);
            Platform.Response relisted = call("PATCH", PRODUCT, "/api/products/" + productId, seller.token(), "{\"status\":\"ACTIVE\"}");
            assertThat(relisted.status()).as(relisted.body()).isEqualTo(200);
            latecomerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("NEW_MATCH")
                    && n.path("link").asString().equals("/products/" + productId));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    shopperLive.frames(NOTIFICATIONS).size() == 1 && sellerLive.frames(NOTIFICATIONS).isEmpty());

            // The shopper lists and deletes their own search; nobody else can.
            JsonNode mine = call("GET", INSIGHTS, "/api/saved-searches", shopper.token(), null).json();
            assertThat(mine.path("items").findValuesAsString("id")).isEqualTo(List.of(searchId));
            assertThat(call("DELETE", INSIGHTS, "/api/saved-searches/" + searchId, latecomer.token(), null).status()).isEqualTo(404);
            assertThat(call("DELETE", INSIGHTS, "/api/saved-searches/" + searchId, shopper.token(), null).status()).isEqualTo(204);
            assertThat(call("GET", INSIGHTS, "/api/saved-searches", shopper.token(), null).json().path("items")).isEmpty();
        }
    }

    private static String listItem(User seller, String name, String price) throws Exception {
        Platform.Response created = call("POST", PRODUCT, "/api/products", seller.token(), """
                {"name":"%s","description":"Solid wood, steady legs.","price":%s,
                 "category":"furniture","condition":"GOOD","quantity":1}""".formatted(name, price));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }
}
