package io.thriftstore.e2e;

import static io.thriftstore.e2e.Platform.CHAT;
import static io.thriftstore.e2e.Platform.NOTIFICATION;
import static io.thriftstore.e2e.Platform.ORDER;
import static io.thriftstore.e2e.Platform.PRODUCT;
import static io.thriftstore.e2e.Platform.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.thriftstore.launcher.Launcher;
import tools.jackson.databind.JsonNode;

/** {@code ./thriftstore up --demo}: the seeded marketplace is there, lively and consistent. */
@Order(2)
class DemoDataIT {

    static final String ALICE = "user_demo_alice";
    static final String BOB = "user_demo_bob";
    static final String CARLA = "user_demo_carla";
    static final String DAN = "user_demo_dan";
    static final List<String[]> PEOPLE = List.of(new String[] {ALICE, "Alice Martin"}, new String[] {BOB, "Bob Chen"},
            new String[] {CARLA, "Carla Diaz"}, new String[] {DAN, "Dan Okafor"});

    @BeforeAll
    static void seed() throws Exception {
        Platform.start();
        Launcher.main(new String[] {"demo", "--data", Platform.DATA.toString(), "--offset", String.valueOf(Platform.OFFSET)});
    }

    @Test
    void itemsWithPhotosAreListedByTheirSellers() throws Exception {
        JsonNode alices = call("GET", PRODUCT, "/api/products?sellerId=" + ALICE + "&size=50", null, null).json();
        assertThat(alices.path("content").size()).isEqualTo(4);
        for (JsonNode product : alices.path("content")) {
            assertThat(product.path("sellerName").asString()).isEqualTo("Alice Martin");
            String image = product.path("imageUrls").get(0).asString();
            Platform.Response photo = call("GET", PRODUCT, image, null, null);
            assertThat(photo.status()).isEqualTo(200);
        }
    }

    @Test
    void ordersAreInSeveralStates() throws Exception {
        String token = Platform.token(ALICE, "Alice Martin");
        List<String> statuses = new ArrayList<>();
        for (JsonNode order : call("GET", ORDER, "/api/orders?role=seller", token, null).json().path("content")) {
            statuses.add(order.path("status").asString());
        }
        assertThat(statuses).containsExactlyInAnyOrder("DELIVERED", "SHIPPED");
        assertThat(call("GET", ORDER, "/api/orders?role=buyer", Platform.token("user_demo_dan", "Dan Okafor"), null)
                .json().path("content")).extracting(o -> o.path("status").asString())
                .containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");
    }

    @Test
    void theConversationAndTheNotificationsAreThere() {
        String conversation = BOB + ":" + CARLA;
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            JsonNode history = call("GET", CHAT, "/api/conversations/" + conversation + "/messages",
                    Platform.token(BOB, "Bob Chen"), null).json();
            assertThat(history.path("content").size()).isEqualTo(3);
            assertThat(history.path("content").get(0).path("senderName").asString()).isEqualTo("Carla Diaz");
        });
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            JsonNode bobs = call("GET", NOTIFICATION, "/api/notifications?size=50", Platform.token(BOB, "Bob Chen"), null).json();
            assertThat(bobs.path("content")).extracting(n -> n.path("type").asString())
                    .contains("PRICE_DROP", "ORDER_DELIVERED", "NEW_MESSAGE");
        });
    }

    @Test
    void sellersHaveReviewsAndRatingsAndHeardOfThem() throws Exception {
        JsonNode alice = call("GET", ORDER, "/api/sellers/" + ALICE + "/rating", null, null).json();
        assertThat(alice.path("count").asLong()).isEqualTo(1);
        assertThat(alice.path("average").decimalValue()).isEqualByComparingTo("5.0");
        JsonNode carlas = call("GET", ORDER, "/api/sellers/" + CARLA + "/reviews", null, null).json().path("content");
        assertThat(carlas).extracting(r -> r.path("buyerName").asString()).containsExactly("Alice Martin");
        assertThat(carlas.get(0).path("productName").asString()).isEqualTo("Oak bookshelf");
        assertThat(call("GET", ORDER, "/api/sellers/" + DAN + "/rating", null, null).json().path("count").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            for (String[] person : List.of(PEOPLE.get(0), PEOPLE.get(2), PEOPLE.get(3))) {
                JsonNode notices = call("GET", NOTIFICATION, "/api/notifications?size=50",
                        Platform.token(person[0], person[1]), null).json();
                assertThat(notices.path("content")).as(person[1]).extracting(n -> n.path("type").asString())
                        .contains("REVIEW_RECEIVED");
            }
        });
    }

    @Test
    void dansSavedSearchFoundTheKeyboardHeThenBought() throws Exception {
        String dan = Platform.token(DAN, "Dan Okafor");
        JsonNode searches = call("GET", Platform.INSIGHTS, "/api/saved-searches", dan, null).json();
        assertThat(searches.path("items")).extracting(s -> s.path("q").asString()).containsExactly("keyboard");
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            JsonNode notices = call("GET", NOTIFICATION, "/api/notifications?size=50", dan, null).json();
            assertThat(notices.path("content")).filteredOn(n -> n.path("type").asString().equals("NEW_MATCH"))
                    .extracting(n -> n.path("title").asString() + " " + n.path("body").asString())
                    .singleElement().asString().contains("Mechanical keyboard");
        });
    }

    @Test
    void everyDemoPersonHasOrdersSalesAConversationAndNotifications() {
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            for (String[] person : PEOPLE) {
                String token = Platform.token(person[0], person[1]);
                assertThat(total(call("GET", ORDER, "/api/orders?role=buyer", token, null))).as(person[1] + " orders").isPositive();
                assertThat(total(call("GET", ORDER, "/api/orders?role=seller", token, null))).as(person[1] + " sales").isPositive();
                assertThat(total(call("GET", CHAT, "/api/conversations", token, null))).as(person[1] + " conversations").isPositive();
                assertThat(total(call("GET", NOTIFICATION, "/api/notifications", token, null))).as(person[1] + " notifications")
                        .isPositive();
            }
        });
    }

    @Test
    void theDashboardsSignInPageCanOfferThePeople() throws Exception {
        JsonNode people = Platform.JSON.readTree(java.nio.file.Files.readString(Platform.DATA.resolve("demo-people.json")));
        assertThat(people).extracting(p -> p.path("name").asString())
                .containsExactly("Alice Martin", "Bob Chen", "Carla Diaz", "Dan Okafor");
        assertThat(people).allSatisfy(p -> assertThat(p.path("about").asString()).isNotBlank());
    }

    private static long total(Platform.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("page").path("totalElements").asLong();
    }
}
