package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;

/** Orders keep being taken (and confirmed) while Kafka is down; their events all arrive once it is back, in order per order, none twice. */
class BrokerOutageIT extends OrderServiceIntegrationTest {

    @Test
    void ordersPlacedWhileTheBrokerIsDownAreAllPublishedInOrderOnceItReturns() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        String product = product(seller, "10", 200);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());

        infrastructure.kafka().stop();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> buyers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                buyers.add(() -> {
                    for (int i = 0; i < 50; i++) {
                        String id = place(buyer, product, 1).id();
                        ids.add(id);
                        // Half are cancelled too, so some orders have two events whose order matters.
                        if (i % 2 == 0) {
                            Api.Response cancelled = api.patch("/api/orders/" + id, bearer(buyer), Map.of("status", "CANCELLED"));
                            assertThat(cancelled.status()).isEqualTo(200);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(buyers)) {
                done.get();
            }
            assertThat(ids).hasSize(200);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox o JOIN orders r ON o.event_key = r.id::text "
                + "WHERE r.buyer_id = ? AND o.published_at IS NULL", Long.class, buyer)).isEqualTo(500);
        }
        finally {
            pool.shutdownNow();
            infrastructure.kafka().start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
            ids.stream().mapToInt(id -> events.typesOf(id).size()).sum() == 500);

        Set<UUID> seen = new HashSet<>();
        for (String id : ids) {
            List<EventEnvelope<EventData>> received = events.of(id);
            received.forEach(event -> assertThat(seen.add(event.id())).as("event %s received twice", event.id()).isTrue());
            List<String> types = events.typesOf(id);
            assertThat(types.subList(0, 2)).containsExactly("order.created.v1", "order.confirmed.v1");
            if (types.size() == 3) {
                assertThat(types.get(2)).isEqualTo("order.cancelled.v1");
            }
        }
        long cancelled = ids.stream().filter(id -> events.typesOf(id).size() == 3).count();
        assertThat(cancelled).isEqualTo(100);
    }
}
