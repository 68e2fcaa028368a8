package io.thriftstore.product.outbox;

import io.thriftstore.testing.Api;

import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.ProductEvent;
import io.thriftstore.product.ProductServiceIT;
import io.thriftstore.product.PublishedEvents;
import io.thriftstore.product.TestUser;
import io.thriftstore.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.thriftstore.product.Listings.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every accepted change of a product reaches product-events: soon normally, and after an outage too, in order. */
@ProductServiceIT
class EventRelayIT {

    @LocalServerPort
    int port;

    @Autowired
    PublishedEvents published;

    @Autowired
    TestInfrastructure infrastructure;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    Api api;
    TestUser seller = TestUser.named("Seller");

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterEach
    void endAnyOutage() {
        infrastructure.kafka().start();
    }

    @Test
    void listingChangingAndArchivingAnItemIsPublishedWithTheFullProduct() {
        String id = list(api, seller, "name", "Bike", "price", 100, "quantity", 1);
        ProductEvent created = published.awaitOne(EventType.PRODUCT_CREATED, ProductEvent.class, event -> event.id().equals(id));
        assertThat(created.name()).isEqualTo("Bike");
        assertThat(created.sellerId()).isEqualTo(seller.id());
        assertThat(created.sellerName()).isEqualTo("Seller");
        assertThat(created.price()).isEqualByComparingTo("100.00");
        assertThat(created.currency()).isEqualTo("USD");
        assertThat(created.category()).isEqualTo("furniture");
        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(created.previousPrice()).isNull();

        api.patch("/api/products/" + id, seller.bearer(), Map.of("price", 80, "quantity", 0));
        ProductEvent updated = published.awaitOne(EventType.PRODUCT_UPDATED, ProductEvent.class, event -> event.id().equals(id));
        assertThat(updated.price()).isEqualByComparingTo("80.00");
        assertThat(updated.previousPrice()).isEqualByComparingTo("100.00");
        assertThat(updated.quantity()).isZero();
        assertThat(updated.previousQuantity()).isEqualTo(1);
        assertThat(updated.status()).isEqualTo("SOLD_OUT");
        assertThat(updated.version()).isEqualTo(1);

        api.delete("/api/products/" + id, seller.bearer());
        ProductEvent archived = published.awaitOne(EventType.PRODUCT_ARCHIVED, ProductEvent.class, event -> event.id().equals(id));
        assertThat(archived.status()).isEqualTo("ARCHIVED");
        assertThat(archived.version()).isEqualTo(2);
    }

    @Test
    void aChangeIsPublishedInTheTraceOfTheRequestThatMadeItNotInTheRelays() {
        String id = list(api, seller);
        published.awaitOne(EventType.PRODUCT_CREATED, ProductEvent.class, event -> event.id().equals(id));
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        api.patch("/api/products/" + id, seller.bearer(), Map.of("price", 9),
            headers -> headers.set("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));

        published.awaitOne(EventType.PRODUCT_UPDATED, ProductEvent.class, event -> event.id().equals(id));
        // The pending event stored the request's traceparent; the relay published inside that trace.
        UUID updated = published.envelopes(EventType.PRODUCT_UPDATED, ProductEvent.class,
            event -> event.id().equals(id)).get(0).id();
        assertThat(published.traceparentOf(updated)).matches("00-" + traceId + "-[0-9a-f]{16}-01");
    }

    @Test
    void eachChangeReachesKafkaAtOnceNotAtTheRelaysNextPass() {
        String id = list(api, seller);
        published.awaitOne(EventType.PRODUCT_CREATED, ProductEvent.class, event -> event.id().equals(id));

        for (int change = 1; change <= 3; change++) {
            long start = System.nanoTime();
            api.patch("/api/products/" + id, seller.bearer(), Map.of("name", "Quick " + change));
            published.awaitCount(change, EventType.PRODUCT_UPDATED, ProductEvent.class, event -> event.id().equals(id),
                Duration.ofSeconds(20));
            // Passes come every 10 s in these tests (ProductServiceIT): within 2 s, three times running, is the
            // write waking the relay; the margin is for a busy two-core build machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("change %d", change).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void changesAcceptedWhileKafkaIsDownArePublishedInOrderWhenItIsBack() {
        String id = list(api, seller, "price", 50);
        published.awaitOne(EventType.PRODUCT_CREATED, ProductEvent.class, event -> event.id().equals(id));
        double failedSends = failedSends();

        infrastructure.kafka().stop();
        Api.Response first = api.patch("/api/products/" + id, seller.bearer(), Map.of("price", 45));
        Api.Response second = api.patch("/api/products/" + id, seller.bearer(), Map.of("price", 40));
        String listedDuringOutage = list(api, seller, "name", "Listed during the outage");
        assertThat(first.status()).as("writes do not wait for Kafka").isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        // The relay tried, waited its send-timeout for Kafka and gave up: the events stay pending for a later round.
        await().atMost(Duration.ofSeconds(30)).until(() -> failedSends() > failedSends);
        infrastructure.kafka().start();

        List<ProductEvent> updates = published.awaitCount(2, EventType.PRODUCT_UPDATED, ProductEvent.class,
            event -> event.id().equals(id), Duration.ofSeconds(90));
        assertThat(updates).extracting(ProductEvent::version).containsExactly(1L, 2L);
        assertThat(updates).extracting(event -> event.price().intValue()).containsExactly(45, 40);
        assertThat(updates.get(1).previousPrice()).isEqualByComparingTo("45.00");
        published.awaitOne(EventType.PRODUCT_CREATED, ProductEvent.class, event -> event.id().equals(listedDuringOutage));
    }

    /**
     * The relay is platform-outbox's now; the service's older {@code thriftstore.product.relay.*} names (set by
     * ProductServiceIT, and by deployments as PRODUCT_RELAY_INTERVAL and the like) still configure it. A killed
     * instance's lease is free within seconds (orders wait for their inventory answers meanwhile), and a wave of
     * sends, which waits at most the send timeout, fits well in it, or a second instance could relay beside it.
     */
    @Test
    void theServicesRelayPropertiesStillSetTheRelayAndAWaveFitsInTheLease() {
        Binder binder = Binder.get(environment);
        Duration sendTimeout = binder.bind("thriftstore.outbox.send-timeout", Duration.class).get();
        Duration leaseTtl = binder.bind("thriftstore.outbox.lease-ttl", Duration.class).get();
        assertThat(sendTimeout).isEqualTo(Duration.ofSeconds(2));
        assertThat(binder.bind("thriftstore.outbox.poll-interval", Duration.class).get()).isEqualTo(Duration.ofSeconds(10));
        assertThat(leaseTtl).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(sendTimeout).isLessThanOrEqualTo(leaseTtl.dividedBy(2));
    }

    /** Sends Kafka did not acknowledge (platform-outbox's relay meter). */
    private double failedSends() {
        var counter = meters.find("outbox.publish.failures").counter();
        return counter == null ? 0 : counter.count();
    }
}
