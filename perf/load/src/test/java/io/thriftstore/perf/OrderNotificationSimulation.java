package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Order -> seller notification latency at a real STOMP client. One virtual user is a buyer + seller pair:
 * the seller's socket to notification-service is open and subscribed to /user/queue/notifications; every
 * {@code users / rate} seconds the buyer orders the seller's item, and the group "order to seller frame"
 * lasts from sending POST /api/orders until the ORDER_RECEIVED frame naming that order reaches the seller's
 * socket (order-service -> outbox -> Kafka -> product-service -> Kafka -> order-service -> outbox -> Kafka
 * -> consumer-service -> outbox -> Kafka -> notification-service -> STOMP). Pairs start spread over one
 * interval, so orders arrive at an even {@code rate} per second.
 *
 * <p>The wait is armed by sending a bare EOL (a STOMP heart-beat, ignored by the server) with a check on
 * the seller's socket right after the order is accepted; the frame cannot overtake it, as it needs four
 * Kafka hops after the order's transaction.
 */
public class OrderNotificationSimulation extends Simulation {

    static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("frameTimeout", 10));

    final List<Perf.User> buyers = Perf.users("nbuyer", Perf.USERS);
    final List<Perf.User> sellers = Perf.users("nseller", Perf.USERS);
    final List<String> productIds = Perf.listProducts(sellers, 1, 10_000).stream().map(l -> l.get(0)).toList();
    final Duration interval = Duration.ofMillis(Math.max(1, 1000L * Perf.USERS / Perf.RATE));

    // No client cache: products carry ETags, and a 304 would measure the cache instead of the service.
    final HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching().acceptHeader("application/json")
            .contentTypeHeader("application/json");

    ChainBuilder orderAndAwait(String name) {
        return group(name).on(
                exec(http(name + ": POST /api/orders").post(Perf.ORDER + "/api/orders")
                        .header("Authorization", "Bearer #{buyerToken}")
                        .body(StringBody("{\"items\":[{\"productId\":\"#{productId}\",\"quantity\":1}]}"))
                        .check(status().is(201), jsonPath("$.id").saveAs("orderId")))
                .exec(ws(name + ": arm the wait (EOL)").wsName("seller").sendText("\n").await(TIMEOUT).on(
                        ws.checkTextMessage(name + ": ORDER_RECEIVED after the POST").matching(substring("#{orderId}"))
                                .check(substring("ORDER_RECEIVED")))));
    }

    {
        int[] next = {0};
        ChainBuilder pair = exec(session -> {
            int i;
            synchronized (next) {
                i = next[0]++ % Perf.USERS;
            }
            return session.setAll(Map.of("buyerToken", buyers.get(i).token(), "sellerToken", sellers.get(i).token(),
                    "productId", productIds.get(i)));
        });
        setUp(scenario("order to seller frame").exec(pair)
                .exec(ws("seller CONNECT").wsName("seller").connect(Perf.WS_NOTIFICATION)
                        .onConnected(exec(ws("seller STOMP CONNECT").wsName("seller")
                                .sendText(Perf.connectFrame("#{sellerToken}"))
                                .await(TIMEOUT).on(ws.checkTextMessage("CONNECTED").check(regex("^CONNECTED"))))))
                .exec(ws("seller SUBSCRIBE").wsName("seller")
                        .sendText(Perf.subscribeFrame("notifications", "/user/queue/notifications")))
                // The subscription travels before the first order (no RECEIPT from the simple broker).
                .exec(pause(Duration.ofSeconds(1)))
                .exec(during(Perf.WARMUP).on(pace(interval.multipliedBy(4)).exec(orderAndAwait(Perf.WARM + "order to seller frame"))))
                .exec(during(Perf.DURATION).on(pace(interval).exec(orderAndAwait("order to seller frame"))))
                .exec(ws("seller close").wsName("seller").close())
                .injectOpen(rampUsers(Perf.USERS).during(interval))
        ).protocols(protocol);
    }
}
