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
}
