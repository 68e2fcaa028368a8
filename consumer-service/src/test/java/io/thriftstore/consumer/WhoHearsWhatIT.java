package io.thriftstore.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.NotificationCreated;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.thriftstore.consumer.Events.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * DESIGN section 6, "who hears what", one test per row: real events in, notification.created out
 * (read back from Kafka), and after everything settled, nobody else told.
 */
@ConsumerServiceIT
class WhoHearsWhatIT {

    @Autowired
    Events events;

    @Autowired
    Told told;

    final TestUser buyer = TestUser.named("Bea Buyer");
    final TestUser seller = TestUser.named("Sam Seller");
    final TestUser bystander = TestUser.named("Ursula Unrelated");

    @Test
    void aConfirmedOrderTellsTheSellerItWasReceivedAndTheBuyerItIsConfirmed() {
        Events.Order order = events.order(buyer, seller, line("p-lamp", "Brass desk lamp", "24.50", 1));
        EventEnvelope<?> created = order.created();
        EventEnvelope<?> confirmed = order.confirmed();

        List<NotificationCreated> notices = settledNoticesAbout(created, confirmed);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactlyInAnyOrder(tuple(seller.id(), "ORDER_RECEIVED"), tuple(buyer.id(), "ORDER_CONFIRMED"));
        NotificationCreated received = only(notices, seller);
        assertThat(received.title()).isEqualTo("New order from Bea Buyer");
        assertThat(received.body()).isEqualTo("Bea Buyer ordered Brass desk lamp (24.50 USD).");
        assertThat(received.link()).isEqualTo("/orders/" + order.id);
        assertThat(only(notices, buyer).body()).isEqualTo("Your order of Brass desk lamp from Sam Seller is confirmed (24.50 USD).");
        assertThat(received.sourceEventId()).isEqualTo(confirmed.id().toString());
        assertNamesNoIds(notices, order.id, "p-lamp");
        assertThat(told.of(bystander)).isEmpty();
    }

    @Test
    void aRejectedOrderTellsOnlyTheBuyerWhy() {
        Events.Order order = events.order(buyer, seller, line("p-chair", "Rattan chair", "40", 1));
        EventEnvelope<?> created = order.created();
        EventEnvelope<?> rejected = order.rejected("OUT_OF_STOCK");

        List<NotificationCreated> notices = settledNoticesAbout(created, rejected);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactly(tuple(buyer.id(), "ORDER_REJECTED"));
        assertThat(notices.get(0).body()).isEqualTo("Your order of Rattan chair from Sam Seller could not be accepted: it is out of stock.");
        assertNamesNoIds(notices, order.id, "p-chair");
    }

    @Test
    void aShippedOrderTellsOnlyTheBuyer() {
        Events.Order order = events.order(buyer, seller, line("p-vinyl", "Jazz record", "12", 3), line("p-sleeve", "Record sleeve", "1", 1));
        order.created();
        EventEnvelope<?> confirmed = order.confirmed();
        EventEnvelope<?> shipped = order.shipped();

        List<NotificationCreated> notices = settledNoticesAbout(shipped);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactly(tuple(buyer.id(), "ORDER_SHIPPED"));
        assertThat(notices.get(0).body()).isEqualTo("Sam Seller shipped your order of 3 × Jazz record and 1 more item.");
        assertThat(settledNoticesAbout(confirmed)).hasSize(2);
    }

    @Test
    void aDeliveredOrderTellsBuyerAndSeller() {
        Events.Order order = events.order(buyer, seller, line("p-bike", "Road bike", "310", 1));
        order.created();
        order.confirmed();
        order.shipped();
        EventEnvelope<?> delivered = order.delivered();

        List<NotificationCreated> notices = settledNoticesAbout(delivered);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactlyInAnyOrder(tuple(buyer.id(), "ORDER_DELIVERED"), tuple(seller.id(), "ORDER_DELIVERED"));
        assertThat(only(notices, seller).body()).isEqualTo("Your sale of Road bike to Bea Buyer was delivered (310.00 USD).");
        assertThat(only(notices, buyer).body()).isEqualTo("Your order of Road bike from Sam Seller was delivered.");
        assertNamesNoIds(notices, order.id, "p-bike");
    }

    @Test
    void aReviewTellsOnlyTheSellerTheItemAndTheStars() {
        Events.Order order = events.order(buyer, seller, line("p-kettle", "Copper kettle", "18", 1));
        order.created();
        order.confirmed();
        order.shipped();
        order.delivered();
        EventEnvelope<?> reviewed = order.reviewed(4, "Shiny and\nworks well");

        List<NotificationCreated> notices = settledNoticesAbout(reviewed);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactly(tuple(seller.id(), "REVIEW_RECEIVED"));
        assertThat(notices.get(0).title()).isEqualTo("New review: 4 stars for Copper kettle");
        assertThat(notices.get(0).body()).isEqualTo("Bea Buyer rated Copper kettle 4 stars: \u201cShiny and works well\u201d.");
        assertThat(notices.get(0).link()).isEqualTo("/orders/" + order.id);
        assertNamesNoIds(notices, order.id, "p-kettle");
    }

    @Test
    void aBuyerWhoCancelsIsNotToldButTheSellerIs() {
        Events.Order order = events.order(buyer, seller, line("p-mug", "Stoneware mug", "8", 2));
        order.created();
        order.confirmed();
        EventEnvelope<?> cancelled = order.cancelledBy(buyer);

        List<NotificationCreated> notices = settledNoticesAbout(cancelled);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactly(tuple(seller.id(), "ORDER_CANCELLED"));
        assertThat(notices.get(0).body()).isEqualTo("Bea Buyer cancelled their order of 2 × Stoneware mug.");
    }

    @Test
    void aSellerWhoCancelsIsNotToldButTheBuyerIs() {
        Events.Order order = events.order(buyer, seller, line("p-mug", "Stoneware mug", "8", 1));
        order.created();
        order.confirmed();
        EventEnvelope<?> cancelled = order.cancelledBy(seller);

        List<NotificationCreated> notices = settledNoticesAbout(cancelled);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactly(tuple(buyer.id(), "ORDER_CANCELLED"));
        assertThat(notices.get(0).body()).isEqualTo("Sam Seller cancelled your order of Stoneware mug.");
    }

    @Test
    void aPlacedOrderTellsNobodyUntilItIsConfirmed() {
        Events.Order order = events.order(buyer, seller, line("p-pen", "Fountain pen", "30", 1));
        EventEnvelope<?> created = order.created();

        assertThat(settledNoticesAbout(created)).isEmpty();
        assertThat(told.of(buyer)).isEmpty();
        assertThat(told.of(seller)).isEmpty();
    }

    @Test
    void aWishlistAddTellsTheSellerWithoutNamingTheWisher() {
        TestUser wisher = TestUser.named("Wanda Wisher");
        Events.Product product = events.product(seller, "Walnut bookshelf", "120", 1);
        EventEnvelope<?> added = events.wish(wisher, product);
        // Adding what is already on the list again is no news; the seller wishing for their own item neither.
        EventEnvelope<?> again = events.wish(wisher, product);
        EventEnvelope<?> own = events.wish(seller, product);

        List<NotificationCreated> notices = settledNoticesAbout(added, again, own);

        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactly(tuple(seller.id(), "WISHLIST_ADDED"));
        assertThat(notices.get(0).title()).isEqualTo("Someone wishes for Walnut bookshelf");
        assertThat(notices.get(0).body()).isEqualTo("Someone added Walnut bookshelf to their wishlist.")
            .doesNotContain("Wanda").doesNotContain(wisher.id());
        assertThat(notices.get(0).link()).isEqualTo("/products/" + product.id);
        assertThat(told.of(wisher)).isEmpty();
    }

    @Test
    void aLoweredPriceTellsEveryoneWhoStillWishesForIt() {
        TestUser first = TestUser.named("Fay First");
        TestUser second = TestUser.named("Sid Second");
        TestUser changedMind = TestUser.named("Carl Changed Mind");
        Events.Product product = events.product(seller, "Film camera", "80", 1);
        events.wish(first, product);
        events.wish(second, product);
        events.wish(changedMind, product);
        events.unwish(changedMind, product);
        told.settle();  // the wishlist is known before the price changes (different topics, no order between them)

        EventEnvelope<?> raised = product.updated("90", 1);
        EventEnvelope<?> lowered = product.updated("65.5", 1);

        assertThat(settledNoticesAbout(raised)).as("a price rise is no news").isEmpty();
        List<NotificationCreated> notices = settledNoticesAbout(lowered);
        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type)
            .containsExactlyInAnyOrder(tuple(first.id(), "PRICE_DROP"), tuple(second.id(), "PRICE_DROP"));
        assertThat(only(notices, first).title()).isEqualTo("Price drop: Film camera");
        assertThat(only(notices, first).body()).isEqualTo("Film camera from Sam Seller is now 65.50 USD (was 90.00 USD).");
        assertNamesNoIds(notices, product.id);
        assertThat(told.of(changedMind)).isEmpty();
    }

    @Test
    void aRestockFromZeroTellsEveryoneWhoWishesForIt() {
        TestUser wisher = TestUser.named("Wes Waiting");
        Events.Product product = events.product(seller, "Board game", "25", 1);
        events.wish(wisher, product);
        told.settle();

        EventEnvelope<?> soldOut = product.updated("25", 0);
        EventEnvelope<?> restocked = product.updated("25", 2);
        EventEnvelope<?> more = product.updated("25", 3);

        assertThat(settledNoticesAbout(soldOut, more)).as("selling out and topping up are no news").isEmpty();
        List<NotificationCreated> notices = settledNoticesAbout(restocked);
        assertThat(notices).extracting(NotificationCreated::userId, NotificationCreated::type, NotificationCreated::title)
            .containsExactly(tuple(wisher.id(), "BACK_IN_STOCK", "Back in stock: Board game"));
        assertThat(notices.get(0).body()).isEqualTo("Board game from Sam Seller is available again.");
    }

    @Test
    void aChatMessageTellsTheRecipientAtMostOncePerConversationPerFiveMinutes() {
        Instant start = Instant.now();
        EventEnvelope<?> first = events.chat(buyer, seller, "Is the lamp still available?", start);
        EventEnvelope<?> soonAfter = events.chat(buyer, seller, "I could pick it up today.", start.plusSeconds(60));
        EventEnvelope<?> reply = events.chat(seller, buyer, "Yes, it is!", start.plusSeconds(90));
        EventEnvelope<?> muchLater = events.chat(buyer, seller, "Still there?", start.plus(Duration.ofMinutes(6)));
        EventEnvelope<?> otherConversation = events.chat(bystander, seller, "Hello", start.plusSeconds(30));

        List<NotificationCreated> notices = settledNoticesAbout(first, soonAfter, reply, muchLater, otherConversation);

        assertThat(notices).extracting(NotificationCreated::sourceEventId, NotificationCreated::userId, NotificationCreated::type)
            .containsExactlyInAnyOrder(
                tuple(first.id().toString(), seller.id(), "NEW_MESSAGE"),
                tuple(reply.id().toString(), buyer.id(), "NEW_MESSAGE"),
                tuple(muchLater.id().toString(), seller.id(), "NEW_MESSAGE"),
                tuple(otherConversation.id().toString(), seller.id(), "NEW_MESSAGE"));
        NotificationCreated toSeller = notices.stream().filter(n -> n.sourceEventId().equals(first.id().toString())).findFirst().orElseThrow();
        assertThat(toSeller.title()).isEqualTo("New message from Bea Buyer");
        assertThat(toSeller.body()).isEqualTo("Is the lamp still available?");
        assertThat(toSeller.link()).isEqualTo("/inbox/" + ((io.thriftstore.platform.events.ChatMessageSent) first.data()).conversationId());
    }

    @Test
    void aChatRecordNamingSomeoneOutsideTheConversationTellsNobody() {
        TestUser intruder = TestUser.named("Ivy Intruder");
        EventEnvelope<?> genuine = events.chat(buyer, seller, "Hi", Instant.now());
        var message = (io.thriftstore.platform.events.ChatMessageSent) genuine.data();
        EventEnvelope<?> forged = events.publish(io.thriftstore.platform.events.EventType.CHAT_MESSAGE_SENT,
            new io.thriftstore.platform.events.ChatMessageSent(java.util.UUID.randomUUID().toString(), message.conversationId(),
                buyer.id(), buyer.name(), "psst", Instant.now(), "c-1", intruder.id()));

        assertThat(settledNoticesAbout(forged)).isEmpty();
        assertThat(told.of(intruder)).isEmpty();
    }

    /** Everything created because of these source events, once the service and the relay have settled. */
    private List<NotificationCreated> settledNoticesAbout(EventEnvelope<?>... sources) {
        told.settle();
        Set<String> ids = Arrays.stream(sources).map(source -> source.id().toString()).collect(Collectors.toSet());
        return told.all().stream().filter(n -> ids.contains(n.sourceEventId())).toList();
    }

    private static NotificationCreated only(List<NotificationCreated> notices, TestUser user) {
        List<NotificationCreated> theirs = notices.stream().filter(n -> n.userId().equals(user.id())).toList();
        assertThat(theirs).hasSize(1);
        return theirs.get(0);
    }

    private void assertNamesNoIds(List<NotificationCreated> notices, String... otherIds) {
        for (NotificationCreated notice : notices) {
            for (String id : List.of(buyer.id(), seller.id())) {
                assertThat(notice.title() + " " + notice.body()).doesNotContain(id);
            }
            for (String id : otherIds) {
                assertThat(notice.title() + " " + notice.body()).doesNotContain(id);
            }
        }
    }
}
