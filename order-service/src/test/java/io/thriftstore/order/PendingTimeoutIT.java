package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.thriftstore.order.order.OrderService;
import io.thriftstore.platform.events.OrderEvent;

/**
 * Orders still PENDING after two minutes are rejected with reason TIMEOUT, once, however many instances run the job.
 * New orders are CONFIRMED at once; PENDING ones are those an older version of the service left behind.
 */
class PendingTimeoutIT extends OrderServiceIntegrationTest {

    @Autowired
    OrderService orders;

    @Test
    void anOrderStillPendingAfterTwoMinutesIsRejectedWithReasonTimeout() {
        String seller = user("seller");
        String buyer = user("buyer");
        String product = product(seller, "10", 5);
        String old = place(buyer, product, 1).id();
        String fresh = place(buyer, product, 1).id();
        storedAs(fresh, "PENDING");
        placedAgo(fresh, 100);
        storedAs(old, "PENDING");
        placedAgo(old, 121);

        Api.Response rejected = awaitStatus(old, buyer, "REJECTED");

        assertThat(rejected.json().path("reason").asString()).isEqualTo("TIMEOUT");
        JsonAssertions.lastHistory(rejected, "REJECTED", "system");
        OrderEvent event = events.await(old, "order.rejected.v1");
        assertThat(event.reason()).isEqualTo("TIMEOUT");
        assertThat(event.previousStatus()).isEqualTo("PENDING");
        assertThat(event.actorId()).isEqualTo("system");
        // The job has run since: an order younger than the timeout is left alone.
        assertThat(api.get("/api/orders/" + fresh, bearer(buyer)).json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void severalInstancesRejectEachTimedOutOrderOnce() throws Exception {
        String seller = user("seller");
        String buyer = user("buyer");
        String product = product(seller, "10", 100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(place(buyer, product, 1).id());
        }
        jdbc.update("UPDATE orders SET status = 'PENDING', created_at = now() - interval '10 minutes' WHERE buyer_id = ?", buyer);

        // Four "instances" at once, besides the scheduled job of this one.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                jobs.add(() -> orders.rejectPendingPlacedBefore(Instant.now().minusSeconds(120), 7));
            }
            for (Future<Integer> job : pool.invokeAll(jobs)) {
                job.get();
            }
        }
        finally {
            pool.shutdownNow();
        }

        for (String id : ids) {
            awaitStatus(id, buyer, "REJECTED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM order_history WHERE order_id = ?::uuid AND status = 'REJECTED'",
                Long.class, id)).as(id).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_key = ? AND event_type = 'order.rejected.v1'",
                Long.class, id)).as(id).isEqualTo(1);
        }
    }

    private void placedAgo(String orderId, int seconds) {
        jdbc.update("UPDATE orders SET created_at = now() - make_interval(secs => ?) WHERE id = ?::uuid", seconds, orderId);
    }
}
