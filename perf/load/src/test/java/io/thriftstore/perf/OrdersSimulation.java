package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * POST /api/orders from many buyers on many products with large stock, a closed phase of {@code users}
 * concurrent users after a low-concurrency warm-up. "place order" / "baseline insert" (BaselineSimulation, run
 * by perf/run.sh on a drained platform, not beside this phase's backlog) is the orders goal's ratio; the raw
 * JDBC loop in perf/run.sh gives the ceiling without HTTP.
 */
public class OrdersSimulation extends Simulation {

    static final int BUYERS = Integer.getInteger("buyers", 200);
    static final int SELLERS = Integer.getInteger("sellers", 20);
    static final int PER_SELLER = Integer.getInteger("productsPerSeller", 5);

    final List<Perf.User> buyers = Perf.users("buyer", BUYERS);
    // 10,000 is the most one listing may hold; 100 listings hold more than any run orders.
    final List<String> productIds = Perf.listProducts(Perf.users("orderseller", SELLERS), PER_SELLER, 10_000)
            .stream().flatMap(List::stream).toList();

    // No client cache: products carry ETags, and a 304 would measure the cache instead of the service.
    final HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching().acceptHeader("application/json")
            .contentTypeHeader("application/json");

    Function<String, ChainBuilder> placeOrder = prefix -> exec(http(prefix + "place order")
            .post(Perf.ORDER + "/api/orders").header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"items\":[{\"productId\":\"#{productId}\",\"quantity\":1}]}"))
            .check(status().is(201)));

    ChainBuilder feed = exec(session -> {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return session.setAll(Map.of(
                "token", buyers.get(r.nextInt(buyers.size())).token(),
                "productId", productIds.get(r.nextInt(productIds.size()))));
    });

    PopulationBuilder phase(String name, ChainBuilder request) {
        return scenario(name).exec(during(Perf.DURATION).on(feed.exec(request))).injectOpen(atOnceUsers(Perf.USERS));
    }

    {
        setUp(scenario("warm-up").exec(during(Perf.WARMUP).on(feed.exec(placeOrder.apply(Perf.WARM))))
                .injectOpen(atOnceUsers(Perf.WARMUP_USERS))
                .andThen(phase("place order", placeOrder.apply("")))
        ).protocols(protocol);
    }
}
