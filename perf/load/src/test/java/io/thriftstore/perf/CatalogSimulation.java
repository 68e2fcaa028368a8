package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
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
 * Catalog reads on product-service, each as its own closed phase of {@code users} concurrent users looping for
 * {@code duration} (like wrk), after a warm-up of every request at low concurrency. Phases run one after
 * another, so each has the machine to itself. "catalog cards" (the dashboard's request) / "baseline select"
 * (BaselineSimulation, same run.sh run) is the catalog goal's ratio; "catalog page" is the same list as full products.
 */
public class CatalogSimulation extends Simulation {

    static final int SELLERS = Integer.getInteger("sellers", 20);
    static final int PER_SELLER = Integer.getInteger("productsPerSeller", 10);
    static final String[] TERMS = {"lamp", "chair", "bike", "guitar", "novel", "kettle", "jacket", "desk"};

    final List<String> productIds = Perf.listProducts(Perf.users("seller", SELLERS), PER_SELLER, 5)
            .stream().flatMap(List::stream).toList();

    // No client cache: products carry ETags, and a 304 would measure the cache instead of the service.
    final HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching().acceptHeader("application/json");

    Function<String, ChainBuilder> catalogPage = prefix -> exec(http(prefix + "catalog page")
            .get(Perf.PRODUCT + "/api/products?page=#{page}&size=20")
            .check(status().is(200), jsonPath("$.content").exists()));
    // What the dashboard's catalog asks for: the same page as cards (projected to the fields a card shows).
    Function<String, ChainBuilder> catalogCards = prefix -> exec(http(prefix + "catalog cards")
            .get(Perf.PRODUCT + "/api/products?page=#{page}&size=20&view=card")
            .check(status().is(200), jsonPath("$.content").exists()));
    Function<String, ChainBuilder> search = prefix -> exec(http(prefix + "catalog search")
            .get(Perf.PRODUCT + "/api/products?q=#{term}&size=20").check(status().is(200)));
    Function<String, ChainBuilder> detail = prefix -> exec(http(prefix + "product detail")
            .get(Perf.PRODUCT + "/api/products/#{productId}").check(status().is(200)));

    ChainBuilder feed = exec(session -> {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return session.setAll(Map.of(
                // The first pages: what shoppers see; deeper pages are rarer and cost the same index walk plus skip.
                "page", r.nextInt(5),
                "term", TERMS[r.nextInt(TERMS.length)],
                "productId", productIds.get(r.nextInt(productIds.size()))));
    });

    PopulationBuilder phase(String name, ChainBuilder request) {
        return scenario(name).exec(during(Perf.DURATION).on(feed.exec(request)))
                .injectOpen(atOnceUsers(Perf.USERS));
    }

    {
        ChainBuilder everything = feed.exec(catalogPage.apply(Perf.WARM), catalogCards.apply(Perf.WARM),
                search.apply(Perf.WARM), detail.apply(Perf.WARM));
        setUp(scenario("warm-up").exec(during(Perf.WARMUP).on(everything)).injectOpen(atOnceUsers(Perf.WARMUP_USERS))
                .andThen(phase("catalog page", catalogPage.apply(""))
                        .andThen(phase("catalog cards", catalogCards.apply(""))
                        .andThen(phase("catalog search", search.apply(""))
                                .andThen(phase("product detail", detail.apply(""))))))
        ).protocols(protocol);
    }
}
