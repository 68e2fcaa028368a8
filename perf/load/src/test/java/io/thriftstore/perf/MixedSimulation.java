package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * A day in the life, as an open model of {@code rate} visits per second (arrivals do not wait for the
 * system, as real shoppers do not): 60% browse a page and open an item, 15% search, 10% wishlist an item,
 * 10% order one, 5% send a chat message over REST. A warm-up at a tenth of the rate comes first.
 */
public class MixedSimulation extends Simulation {

    static final int BUYERS = Integer.getInteger("buyers", 50);
    static final int SELLERS = Integer.getInteger("sellers", 10);
    static final String[] TERMS = {"lamp", "chair", "bike", "guitar", "novel", "kettle", "jacket", "desk"};

    final List<Perf.User> buyers = Perf.users("mbuyer", BUYERS);
    final List<Perf.User> sellers = Perf.users("mseller", SELLERS);
    final List<List<String>> products = Perf.listProducts(sellers, 10, 10_000);
    final List<String> productIds = products.stream().flatMap(List::stream).toList();

    {
        // Each buyer talks to one seller; the conversation exists before anyone sends in it.
        try {
            for (int i = 0; i < BUYERS; i++) {
                Perf.post(Perf.CHAT + "/api/conversations", buyers.get(i).token(),
                        "{\"participantId\":\"" + sellers.get(i % SELLERS).id() + "\"}", 201);
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding conversations failed: " + e.getMessage(), e);
        }
    }

    // Pooled connections: the figure is the services' cost, not a TCP handshake per visit.
    // No client cache: products carry ETags, and a 304 would measure the cache instead of the service.
    final HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching().shareConnections().acceptHeader("application/json")
            .contentTypeHeader("application/json");

    ChainBuilder visit(String p) {
        ChainBuilder feed = exec(session -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int buyer = r.nextInt(BUYERS);
            return session.setAll(Map.of(
                    "token", buyers.get(buyer).token(),
                    "conversationId", Perf.conversationId(buyers.get(buyer).id(), sellers.get(buyer % SELLERS).id()),
                    "clientMessageId", UUID.randomUUID().toString(),
                    "page", r.nextInt(5),
                    "term", TERMS[r.nextInt(TERMS.length)],
                    "productId", productIds.get(r.nextInt(productIds.size()))));
        });
        return feed.exec(randomSwitch().on(
                percent(60).then(exec(http(p + "mixed: catalog page").get(Perf.PRODUCT + "/api/products?page=#{page}&size=20")
                                .check(status().is(200)))
                        .exec(http(p + "mixed: product detail").get(Perf.PRODUCT + "/api/products/#{productId}")
                                .check(status().is(200)))),
                percent(15).then(exec(http(p + "mixed: search").get(Perf.PRODUCT + "/api/products?q=#{term}&size=20")
                        .check(status().is(200)))),
                percent(10).then(exec(http(p + "mixed: wishlist add").put(Perf.WISHLIST + "/api/wishlist/items/#{productId}")
                        .header("Authorization", "Bearer #{token}").check(status().in(200, 201)))),
                percent(10).then(exec(http(p + "mixed: place order").post(Perf.ORDER + "/api/orders")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"items\":[{\"productId\":\"#{productId}\",\"quantity\":1}]}"))
                        .check(status().is(201)))),
                percent(5).then(exec(http(p + "mixed: chat send").post(Perf.CHAT + "/api/conversations/#{conversationId}/messages")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"clientMessageId\":\"#{clientMessageId}\",\"text\":\"Still for sale?\"}"))
                        .check(status().is(202))))));
    }

    {
        setUp(scenario("mixed warm-up").exec(visit(Perf.WARM))
                        .injectOpen(constantUsersPerSec(Math.max(1, Perf.RATE / 10.0)).during(Perf.WARMUP)),
                scenario("mixed").exec(visit(""))
                        .injectOpen(nothingFor(Perf.WARMUP), constantUsersPerSec(Perf.RATE).during(Perf.DURATION)))
                .protocols(protocol);
    }
}
