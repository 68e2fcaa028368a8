package io.thriftstore.consumer;

import io.thriftstore.testing.Api;

import java.util.List;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.OrderEvent;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.thriftstore.consumer.Events.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Insight figures for a scripted sequence of orders and wishes, through the REST API. */
@ConsumerServiceIT
class SellerInsightsIT {

    @LocalServerPort
    int port;

    @Autowired
    Events events;

    @Autowired
    Told told;

    final TestUser seller = TestUser.named("Sally Seller");

    @Test
    void aSellerSeesOrdersByStatusItemsSoldRevenueAndTopProducts() {
        Api api = new Api(port);
        Events.Product lamp = events.product(seller, "Brass lamp", "10", 10);
        Events.Product chair = events.product(seller, "Oak chair", "25", 10);
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");

        Events.Order delivered = events.order(ann, seller, line(lamp.id, "Brass lamp", "10", 2));
        delivered.created();
        EventEnvelope<OrderEvent> confirmedEarlier = delivered.confirmed();
        delivered.shipped();
        delivered.delivered();
        Events.Order deliveredToo = events.order(bob, seller, line(chair.id, "Oak chair", "25", 1));
        deliveredToo.created();
        deliveredToo.confirmed();
        deliveredToo.shipped();
        deliveredToo.delivered();
        Events.Order rejected = events.order(ann, seller, line(lamp.id, "Brass lamp", "10", 1));
        rejected.created();
        rejected.rejected("OUT_OF_STOCK");
        Events.Order cancelled = events.order(bob, seller, line(chair.id, "Oak chair", "25", 1));
        cancelled.created();
        cancelled.confirmed();
        cancelled.cancelledBy(bob);
        Events.Order confirmed = events.order(ann, seller, line(lamp.id, "Brass lamp", "10", 1), line(chair.id, "Oak chair", "25", 1));
        confirmed.created();
        confirmed.confirmed();
        // Bought in one step, every order.created comes with an order.confirmed: alone it counts for nothing (an order
        // an older order-service left PENDING counts once it is confirmed, rejected or timed out).
        Events.Order pending = events.order(bob, seller, line(lamp.id, "Brass lamp", "10", 1));
        pending.created();
        // A late copy of an old transition (new event id, older order version) moves nothing back.
        events.publish(EventType.ORDER_CONFIRMED, confirmedEarlier.data());

        events.wish(ann, lamp);
        events.wish(bob, lamp);
        events.wish(TestUser.named("Cy"), chair);
        events.unwish(ann, lamp);
        // Someone else's sale is not ours.
        Events.Order elsewhere = events.order(ann, TestUser.named("Other Seller"), line("p-other", "Other thing", "99", 5));
        elsewhere.created();
        elsewhere.confirmed();
        elsewhere.shipped();
        elsewhere.delivered();
        told.settle();

        Api.Response response = api.get("/api/insights/sellers/me", seller.bearer());
        assertThat(response.status()).isEqualTo(200);
        JsonNode insights = response.json();
        JsonNode byStatus = insights.path("ordersByStatus");
        assertThat(List.of("PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED", "DELIVERED"))
            .map(status -> byStatus.path(status).asLong())
            .containsExactly(0L, 1L, 1L, 1L, 0L, 2L);
        assertThat(insights.path("itemsSold").asLong()).isEqualTo(3);
        assertThat(insights.path("revenue").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(insights.path("wishlistAdds").asLong()).isEqualTo(3);
        JsonNode top = insights.path("topProducts");
        assertThat(top.size()).isEqualTo(2);
        assertThat(top.get(0).path("productId").asString()).isEqualTo(lamp.id);
        assertThat(top.get(0).path("name").asString()).isEqualTo("Brass lamp");
        assertThat(top.get(0).path("itemsSold").asLong()).isEqualTo(2);
        assertThat(top.get(0).path("wishlistAdds").asLong()).isEqualTo(2);
        assertThat(top.get(1).path("productId").asString()).isEqualTo(chair.id);
        assertThat(top.get(1).path("itemsSold").asLong()).isEqualTo(1);
        assertThat(top.get(1).path("wishlistAdds").asLong()).isEqualTo(1);

        JsonNode lampInsights = api.get("/api/insights/products/" + lamp.id, seller.bearer()).json();
        assertThat(lampInsights.path("productId").asString()).isEqualTo(lamp.id);
        assertThat(lampInsights.path("wishlistCount").asLong()).as("Ann removed it again").isEqualTo(1);
        // delivered, rejected, confirmed; not the order.created that came alone
        assertThat(lampInsights.path("orderCount").asLong()).isEqualTo(3);
        assertThat(lampInsights.path("itemsSold").asLong()).isEqualTo(2);
    }

    @Test
    void aNewSellerSeesZeros() {
        JsonNode insights = new Api(port).get("/api/insights/sellers/me", TestUser.named("Newcomer").bearer()).json();
        assertThat(insights.path("ordersByStatus").path("PENDING").asLong()).isZero();
        assertThat(insights.path("ordersByStatus").size()).isEqualTo(6);
        assertThat(insights.path("revenue").decimalValue()).isEqualByComparingTo("0");
        assertThat(insights.path("topProducts").isEmpty()).isTrue();
        assertThat(insights.path("rating").path("count").asLong()).isZero();
        assertThat(insights.path("rating").path("average").isNull()).isTrue();
    }

    @Test
    void theRatingCountsEachReviewedOrderOnce() {
        TestUser rated = TestUser.named("Rita Rated");
        EventEnvelope<OrderEvent> first = null;
        for (int stars : List.of(5, 4, 4)) {
            Events.Order order = events.order(TestUser.named("Buyer"), rated, line("p-rated", "Teapot", "9", 1));
            order.created();
            order.confirmed();
            order.shipped();
            order.delivered();
            EventEnvelope<OrderEvent> reviewed = order.reviewed(stars, null);
            first = first == null ? reviewed : first;
        }
        // A redelivered copy under a new event id (a replay) counts once.
        events.publish(EventType.ORDER_REVIEWED, first.data());
        told.settle();

        JsonNode rating = new Api(port).get("/api/insights/sellers/me", rated.bearer()).json().path("rating");
        assertThat(rating.path("count").asLong()).isEqualTo(3);
        assertThat(rating.path("average").decimalValue()).isEqualByComparingTo("4.3");
        assertThat(new Api(port).get("/api/insights/sellers/me", rated.bearer()).json()
            .path("ordersByStatus").path("DELIVERED").asLong()).isEqualTo(3);
    }

    @Test
    void productInsightsAreForItsSellerOnly() {
        Api api = new Api(port);
        Events.Product vase = events.product(seller, "Glass vase", "15", 1);
        events.wish(TestUser.named("Vera"), vase);
        told.settle();

        assertThat(api.get("/api/insights/products/" + vase.id, seller.bearer()).json().path("wishlistCount").asLong()).isEqualTo(1);
        Api.Response someoneElse = api.get("/api/insights/products/" + vase.id, TestUser.named("Nosy").bearer());
        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(someoneElse.headers().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(api.get("/api/insights/products/no-such-product", seller.bearer()).status()).isEqualTo(404);
        assertThat(api.get("/api/insights/sellers/me", null).status()).isEqualTo(401);
    }
}
