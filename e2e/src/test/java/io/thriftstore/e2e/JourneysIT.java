package io.thriftstore.e2e;

import static io.thriftstore.e2e.Platform.CHAT;
import static io.thriftstore.e2e.Platform.NOTIFICATION;
import static io.thriftstore.e2e.Platform.ORDER;
import static io.thriftstore.e2e.Platform.PRODUCT;
import static io.thriftstore.e2e.Platform.WISHLIST;
import static io.thriftstore.e2e.Platform.WS_CHAT;
import static io.thriftstore.e2e.Platform.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The user journeys across the real services, Kafka and stores, over REST and STOMP, as the
 * dashboard drives them. Each test uses fresh users, so the tests are independent of each
 * other and of what ran before on the shared platform.
 */
@Order(1)
class JourneysIT {

    static final String NOTIFICATIONS = "/user/queue/notifications";
    static final String MESSAGES = "/user/queue/messages";
    static final String ERRORS = "/user/queue/errors";

    @BeforeAll
    static void platform() throws Exception {
        Platform.start();
    }

    @Test
    void anItemTravelsFromWishlistToShippingWithLiveNotificationsAndTheLastOneSellsOnce() throws Exception {
        User seller = User.named("Sally");
        User buyer = User.named("Bob");
        User latecomer = User.named("Lena");
        User outsider = User.named("Olga");
        try (StompProbe sellerLive = StompProbe.connect(Platform.ws(NOTIFICATION), seller.token()).subscribe(NOTIFICATIONS);
             StompProbe buyerLive = StompProbe.connect(Platform.ws(NOTIFICATION), buyer.token()).subscribe(NOTIFICATIONS);
             StompProbe outsiderLive = StompProbe.connect(Platform.ws(NOTIFICATION), outsider.token()).subscribe(NOTIFICATIONS)) {

            String productId = listItem(seller, "Walnut desk lamp", "40.00", 1);

            // Wishlist it: the seller hears of it live, without learning who it was.
            assertThat(call("PUT", WISHLIST, "/api/wishlist/items/" + productId, buyer.token(), null).status()).isEqualTo(201);
            JsonNode wished = sellerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("WISHLIST_ADDED"));
            assertThat(wished.path("title").asString() + wished.path("body").asString())
                    .contains("Walnut desk lamp").doesNotContain(buyer.id()).doesNotContain("Bob");
            assertThat(wished.path("link").asString()).isEqualTo("/products/" + productId);

            // Order it: confirmed in the answer (the stock is held in the same step); the seller is told, two hops later.
            String orderId = placeOrder(buyer, productId, 1);
            JsonNode received = sellerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("ORDER_RECEIVED"));
            assertThat(received.path("link").asString()).isEqualTo("/orders/" + orderId);
            buyerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("ORDER_CONFIRMED"));
            awaitProduct(productId, p -> p.path("quantity").asInt() == 0 && p.path("status").asString().equals("SOLD_OUT"));

            // A second buyer of the last item is refused at once: 409 sold-out naming it, nothing stored.
            Platform.Response second = call("POST", ORDER, "/api/orders", latecomer.token(),
                    "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}");
            assertThat(second.status()).as(second.body()).isEqualTo(409);
            assertThat(second.json().path("type").asString()).endsWith("/sold-out");
            assertThat(second.json().path("items").get(0).path("name").asString()).isEqualTo("Walnut desk lamp");
            assertThat(call("GET", ORDER, "/api/orders", latecomer.token(), null).json()
                    .path("page").path("totalElements").asLong()).isZero();

            // Ship: the buyer is told.
            Platform.Response shipped = call("PATCH", ORDER, "/api/orders/" + orderId, seller.token(), "{\"status\":\"SHIPPED\"}");
            assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
            JsonNode shippedNotice = buyerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("ORDER_SHIPPED"));
            assertThat(shippedNotice.path("title").asString() + shippedNotice.path("body").asString()).contains("Walnut desk lamp");

            // Nobody else heard any of it, live or in their inbox; the order is invisible to them.
            assertThat(outsiderLive.frames(NOTIFICATIONS)).isEmpty();
            assertThat(call("GET", NOTIFICATION, "/api/notifications", outsider.token(), null).json()
                    .path("page").path("totalElements").asLong()).isZero();
            assertThat(call("GET", ORDER, "/api/orders/" + orderId, outsider.token(), null).status()).isEqualTo(404);
            assertThat(call("GET", NOTIFICATION, "/api/notifications/unread-count", buyer.token(), null).json()
                    .path("count").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void cancellingAConfirmedOrderPutsTheStockBack() throws Exception {
        User seller = User.named("Carl");
        User buyer = User.named("Cora");
        String productId = listItem(seller, "Cast iron pan", "25.50", 3);

        String orderId = placeOrder(buyer, productId, 2);
        awaitProduct(productId, p -> p.path("quantity").asInt() == 1);

        Platform.Response cancelled = call("PATCH", ORDER, "/api/orders/" + orderId, buyer.token(),
                "{\"status\":\"CANCELLED\",\"reason\":\"changed my mind\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        awaitProduct(productId, p -> p.path("quantity").asInt() == 3 && p.path("status").asString().equals("ACTIVE"));
    }

    @Test
    void ofEightConcurrentBuyersOfTheLastItemExactlyOneGetsIt() throws Exception {
        User seller = User.named("Lars");
        String productId = listItem(seller, "Last teak stool", "15.00", 1);
        List<User> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            buyers.add(User.named("Racer" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Platform.Response> answers = new ArrayList<>();
        try {
            List<Callable<Platform.Response>> requests = new ArrayList<>();
            for (User buyer : buyers) {
                requests.add(() -> call("POST", ORDER, "/api/orders", buyer.token(),
                        "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}"));
            }
            for (Future<Platform.Response> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(answers).extracting(Platform.Response::status).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(answers).filteredOn(answer -> answer.status() == 201)
                .allSatisfy(answer -> assertThat(answer.json().path("status").asString()).isEqualTo("CONFIRMED"));
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.json().path("type").asString()).endsWith("/sold-out"));
        JsonNode product = call("GET", PRODUCT, "/api/products/" + productId, null, null).json();
        assertThat(product.path("quantity").asInt()).isZero();
        assertThat(product.path("status").asString()).isEqualTo("SOLD_OUT");
    }

    @Test
    void aShoppersTokenCannotHoldStockAtProductService() throws Exception {
        User seller = User.named("Hanna");
        User shopper = User.named("Sneaky");
        String productId = listItem(seller, "Rare vinyl", "30.00", 1);

        Platform.Response hold = call("PUT", PRODUCT, "/api/holds/" + UUID.randomUUID(), shopper.token(),
                "{\"buyerId\":\"" + shopper.id() + "\",\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}");

        assertThat(hold.status()).as(hold.body()).isEqualTo(403);
        assertThat(call("GET", PRODUCT, "/api/products/" + productId, null, null).json().path("quantity").asInt()).isEqualTo(1);
    }

    /**
     * A crash between the hold and the commit: the orders database refuses this buyer's order after product-service
     * held the stock. The buyer gets a 500 and no order; the hold expires (20 s on this platform, Platform) and the
     * item is back in stock.
     */
    @Test
    void stockHeldForAnOrderThatNeverCommittedComesBack() throws Exception {
        User seller = User.named("Fritz");
        User buyer = User.named("Crash");
        String productId = listItem(seller, "Copper kettle", "18.00", 1);
        try (Connection orders = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + (5432 + Platform.OFFSET) + "/orders", "postgres", "postgres");
             Statement sql = orders.createStatement()) {
            sql.execute("CREATE OR REPLACE FUNCTION e2e_refuse_order() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.buyer_id = '" + buyer.id() + "' THEN RAISE EXCEPTION 'commit fails'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            sql.execute("CREATE TRIGGER e2e_refuse_order BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION e2e_refuse_order()");
            try {
                Platform.Response failed = call("POST", ORDER, "/api/orders", buyer.token(),
                        "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}");
                assertThat(failed.status()).as(failed.body()).isEqualTo(500);
            }
            finally {
                sql.execute("DROP TRIGGER e2e_refuse_order ON orders");
            }
        }
        assertThat(call("GET", PRODUCT, "/api/products/" + productId, null, null).json().path("status").asString())
                .as("held while the order might still commit").isEqualTo("SOLD_OUT");
        assertThat(call("GET", ORDER, "/api/orders", buyer.token(), null).json().path("page").path("totalElements").asLong()).isZero();

        awaitProduct(productId, p -> p.path("quantity").asInt() == 1 && p.path("status").asString().equals("ACTIVE"));
        // And it can be bought again.
        placeOrder(buyer, productId, 1);
    }

    @Test
    void aPriceDropReachesTheWishlister() throws Exception {
        User seller = User.named("Pete");
        User wisher = User.named("Wendy");
        String productId = listItem(seller, "Vintage road bike", "300.00", 1);
        try (StompProbe wisherLive = StompProbe.connect(Platform.ws(NOTIFICATION), wisher.token()).subscribe(NOTIFICATIONS)) {
            assertThat(call("PUT", WISHLIST, "/api/wishlist/items/" + productId, wisher.token(), null).status()).isEqualTo(201);
            // consumer-service learns of the wish before the price changes
            await().atMost(Duration.ofSeconds(45)).until(() -> call("GET", Platform.INSIGHTS, "/api/insights/products/" + productId,
                    seller.token(), null).json().path("wishlistCount").asInt() == 1);

            Platform.Response cheaper = call("PATCH", PRODUCT, "/api/products/" + productId, seller.token(), "{\"price\":250.00}");
            assertThat(cheaper.status()).as(cheaper.body()).isEqualTo(200);

            JsonNode drop = wisherLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("PRICE_DROP"));
            assertThat(drop.path("title").asString() + drop.path("body").asString()).contains("Vintage road bike");
            assertThat(drop.path("link").asString()).isEqualTo("/products/" + productId);
        }
    }

    @Test
    void chatReachesBothParticipantsAndNoOneElse() throws Exception {
        User buyer = User.named("Hugo");
        User seller = User.named("Ines");
        User outsider = User.named("Otto");
        String conversationId = buyer.id().compareTo(seller.id()) < 0
                ? buyer.id() + ":" + seller.id() : seller.id() + ":" + buyer.id();

        Platform.Response opened = call("POST", CHAT, "/api/conversations", buyer.token(),
                "{\"participantId\":\"" + seller.id() + "\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().path("id").asString()).isEqualTo(conversationId);

        try (StompProbe buyerChat = StompProbe.connect(Platform.ws(WS_CHAT), buyer.token()).subscribe(MESSAGES).subscribe(ERRORS);
             StompProbe sellerChat = StompProbe.connect(Platform.ws(WS_CHAT), seller.token()).subscribe(MESSAGES).subscribe(ERRORS);
             StompProbe outsiderChat = StompProbe.connect(Platform.ws(WS_CHAT), outsider.token()).subscribe(MESSAGES).subscribe(ERRORS)) {
            for (StompProbe socket : List.of(buyerChat, sellerChat, outsiderChat)) {
                socket.awaitChatSubscriptions(ERRORS);
            }

            buyerChat.send("/app/chat.send", "{\"conversationId\":\"" + conversationId
                    + "\",\"clientMessageId\":\"c-1\",\"text\":\"Is the bike still available?\"}");
            JsonNode atSeller = sellerChat.awaitFrame(MESSAGES, m -> m.path("text").asString().equals("Is the bike still available?"));
            assertThat(atSeller.path("senderName").asString()).isEqualTo("Hugo");
            buyerChat.awaitFrame(MESSAGES, m -> m.path("clientMessageId").asString().equals("c-1"));

            sellerChat.send("/app/chat.send", "{\"conversationId\":\"" + conversationId
                    + "\",\"clientMessageId\":\"s-1\",\"text\":\"Yes, come by tomorrow.\"}");
            buyerChat.awaitFrame(MESSAGES, m -> m.path("text").asString().equals("Yes, come by tomorrow."));

            outsiderChat.send("/app/chat.send", "{\"conversationId\":\"" + conversationId
                    + "\",\"clientMessageId\":\"o-1\",\"text\":\"let me in\"}");
            JsonNode refused = outsiderChat.awaitFrame(ERRORS, e -> e.path("clientMessageId").asString().equals("o-1"));
            assertThat(refused.path("status").asInt()).isBetween(400, 499);

            AtomicReference<JsonNode> history = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(45)).until(() -> {
                history.set(call("GET", CHAT, "/api/conversations/" + conversationId + "/messages", seller.token(), null).json());
                return history.get().path("content").size() == 2;
            });
            assertThat(history.get().path("content").get(0).path("text").asString()).isEqualTo("Is the bike still available?");
            assertThat(history.get().path("content").get(1).path("text").asString()).isEqualTo("Yes, come by tomorrow.");

            assertThat(outsiderChat.frames(MESSAGES)).isEmpty();
            assertThat(sellerChat.frames(MESSAGES)).noneMatch(m -> m.path("text").asString().equals("let me in"));
            assertThat(call("GET", CHAT, "/api/conversations/" + conversationId + "/messages", outsider.token(), null).status())
                    .isEqualTo(404);
        }
    }

    /**
     * Chat sends over REST (chat-service) and over the socket (ws-chat-service) share one budget per user (ChatSends):
     * alternating between them gains nothing. This platform allows 20 sends per hour (Platform sets
     * CHAT_SEND_RATE_PERIOD) so that counting to 21 is not raced by the refill of the default 20 per 10 s.
     */
    @Test
    void chatSendsOverRestAndTheSocketShareOneBudget() throws Exception {
        User buyer = User.named("Rosa");
        User seller = User.named("Sami");
        Platform.Response opened = call("POST", CHAT, "/api/conversations", buyer.token(),
                "{\"participantId\":\"" + seller.id() + "\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String conversationId = opened.json().path("id").asString();
        String messages = "/api/conversations/" + conversationId + "/messages";

        try (StompProbe chat = StompProbe.connect(Platform.ws(WS_CHAT), buyer.token()).subscribe(MESSAGES).subscribe(ERRORS)) {
            chat.awaitChatSubscriptions(ERRORS); // the first send is over REST: it needs the subscription in place
            long budgetRecordsBefore = sendBudgetRecordsRead();
            for (int n = 1; n <= 20; n++) {
                String clientMessageId = "m-" + n;
                String body = "{\"conversationId\":\"" + conversationId + "\",\"clientMessageId\":\"" + clientMessageId
                        + "\",\"text\":\"message " + n + "\"}";
                if (n % 2 == 1) {
                    Platform.Response sent = call("POST", CHAT, messages, buyer.token(), body);
                    assertThat(sent.status()).as("REST send %d: %s", n, sent.body()).isEqualTo(202);
                } else {
                    chat.send("/app/chat.send", body);
                }
                // Every send comes back on the socket; ws-chat-service counts a message before it pushes it.
                chat.awaitFrame(MESSAGES, m -> m.path("clientMessageId").asString().equals(clientMessageId));
            }

            chat.send("/app/chat.send", "{\"conversationId\":\"" + conversationId
                    + "\",\"clientMessageId\":\"m-21\",\"text\":\"the 21st, over the socket\"}");
            JsonNode refused = chat.awaitFrame(ERRORS, e -> e.path("clientMessageId").asString().equals("m-21"));
            assertThat(refused.path("status").asInt()).isEqualTo(429);
            assertThat(refused.path("retryAfter").asLong()).isPositive();

            // chat-service counts the socket's sends as it reads them: its history shows them all, and its budget
            // listener (a group of its own) has taken a permit for each once it has read all 20 records. The tests run
            // one at a time, so no other chat traffic moves that count meanwhile.
            await().atMost(Duration.ofSeconds(45)).until(() ->
                    call("GET", CHAT, messages + "?limit=100", buyer.token(), null).json().path("content").size() == 20);
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sendBudgetRecordsRead() >= budgetRecordsBefore + 20);
            Platform.Response refusedOverRest = call("POST", CHAT, messages, buyer.token(),
                    "{\"clientMessageId\":\"m-22\",\"text\":\"the 22nd, over REST\"}");
            assertThat(refusedOverRest.status()).as(refusedOverRest.body()).isEqualTo(429);
            assertThat(refusedOverRest.json().path("type").asString()).endsWith("/rate-limited");
            assertThat(chat.frames(MESSAGES)).hasSize(20);
        }
    }

    @Test
    void aDeliveredOrderIsReviewedOnceAndTheSellerHearsTheItemAndTheStarsLive() throws Exception {
        User seller = User.named("Rosa");
        User buyer = User.named("Ravi");
        User outsider = User.named("Omar");
        try (StompProbe sellerLive = StompProbe.connect(Platform.ws(NOTIFICATION), seller.token()).subscribe(NOTIFICATIONS);
             StompProbe outsiderLive = StompProbe.connect(Platform.ws(NOTIFICATION), outsider.token()).subscribe(NOTIFICATIONS)) {
            String productId = listItem(seller, "Linen armchair", "85.00", 1);
            String orderId = placeOrder(buyer, productId, 1);
            String review = "{\"rating\":4,\"comment\":\"Comfy, a small stain on the arm.\"}";

            // Not before it is delivered.
            assertThat(call("POST", ORDER, "/api/orders/" + orderId + "/review", buyer.token(), review).status()).isEqualTo(409);
            assertThat(call("PATCH", ORDER, "/api/orders/" + orderId, seller.token(), "{\"status\":\"SHIPPED\"}").status()).isEqualTo(200);
            assertThat(call("PATCH", ORDER, "/api/orders/" + orderId, seller.token(), "{\"status\":\"DELIVERED\"}").status()).isEqualTo(200);

            // Only the buyer, once; bad stars are a 400.
            assertThat(call("POST", ORDER, "/api/orders/" + orderId + "/review", seller.token(), review).status()).isEqualTo(404);
            assertThat(call("POST", ORDER, "/api/orders/" + orderId + "/review", outsider.token(), review).status()).isEqualTo(404);
            assertThat(call("POST", ORDER, "/api/orders/" + orderId + "/review", buyer.token(), "{\"rating\":6}").status()).isEqualTo(400);
            Platform.Response posted = call("POST", ORDER, "/api/orders/" + orderId + "/review", buyer.token(), review);
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            assertThat(posted.json().path("productName").asString()).isEqualTo("Linen armchair");
            assertThat(posted.json().path("buyerName").asString()).isEqualTo("Ravi");
            assertThat(call("POST", ORDER, "/api/orders/" + orderId + "/review", buyer.token(), review).status()).isEqualTo(409);

            // The seller hears it live: the item and the stars, no ids (order-events -> consumer-service -> notification-service).
            JsonNode notice = sellerLive.awaitFrame(NOTIFICATIONS, n -> n.path("type").asString().equals("REVIEW_RECEIVED"));
            String words = notice.path("title").asString() + " " + notice.path("body").asString();
            assertThat(words).contains("Linen armchair").contains("4 stars")
                    .doesNotContain(buyer.id()).doesNotContain(orderId).doesNotContain(productId);
            assertThat(notice.path("link").asString()).isEqualTo("/orders/" + orderId);

            // Public, signed in or not.
            JsonNode rating = call("GET", ORDER, "/api/sellers/" + seller.id() + "/rating", null, null).json();
            assertThat(rating.path("count").asLong()).isEqualTo(1);
            assertThat(rating.path("average").decimalValue()).isEqualByComparingTo("4.0");
            JsonNode reviews = call("GET", ORDER, "/api/sellers/" + seller.id() + "/reviews", null, null).json();
            assertThat(reviews.path("content").get(0).path("comment").asString()).isEqualTo("Comfy, a small stain on the arm.");
            assertThat(reviews.path("content").get(0).has("buyerId")).isFalse();

            // The seller's insights carry the rating once consumer-service has the event.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode insights = call("GET", Platform.INSIGHTS, "/api/insights/sellers/me", seller.token(), null).json();
                assertThat(insights.path("rating").path("count").asLong()).isEqualTo(1);
                assertThat(insights.path("rating").path("average").decimalValue()).isEqualByComparingTo("4.0");
            });
            assertThat(outsiderLive.frames(NOTIFICATIONS)).isEmpty();
        }
    }

    /**
     * The chat-messages records chat-service's budget listener (SendBudgetListener, listener id {@code send-budget},
     * one consumer per partition) has handled: Spring Kafka's listener timer, counted once the listener returns, from
     * the service's public Prometheus scrape.
     */
    private static long sendBudgetRecordsRead() throws Exception {
        Platform.Response scrape = call("GET", CHAT, "/actuator/prometheus", null, null);
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        return scrape.body().lines()
                .filter(line -> line.startsWith("spring_kafka_listener_seconds_count{")
                        && line.contains("spring_kafka_listener_id=\"send-budget-"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String listItem(User seller, String name, String price, int quantity) throws Exception {
        Platform.Response created = call("POST", PRODUCT, "/api/products", seller.token(), """
                {"name":"%s","description":"Well kept, from a smoke-free home.","price":%s,
                 "category":"other","condition":"GOOD","quantity":%d}""".formatted(name, price, quantity));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static String placeOrder(User buyer, String productId, int quantity) throws Exception {
        Platform.Response placed = call("POST", ORDER, "/api/orders", buyer.token(),
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("status").asString()).isEqualTo("CONFIRMED");
        return placed.json().path("id").asString();
    }

    private static void awaitProduct(String productId, java.util.function.Predicate<JsonNode> condition) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() ->
                condition.test(call("GET", PRODUCT, "/api/products/" + productId, null, null).json()));
    }
}
