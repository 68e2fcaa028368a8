package io.thriftstore.perf;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The baseline app's HTTP yardsticks, each a closed phase of {@code users} users like the platform's phases:
 * {@code baseline hello} (a trivial endpoint), {@code baseline select} (one primary-key SELECT, the catalog
 * goal's divisor) and {@code baseline insert} (an order row + an outbox row in one transaction, the orders
 * goal's divisor). Its own simulation, so perf/run.sh drains the platform before it: the insert baseline used
 * to run right after the orders phase, beside the order backlog still flowing through the platform.
 */
public class BaselineSimulation extends Simulation {

    final HttpProtocolBuilder protocol = http.disableWarmUp().disableCaching().acceptHeader("application/json");

    Function<String, ChainBuilder> hello = prefix -> exec(http(prefix + "baseline hello")
            .get(Perf.BASELINE + "/hello").check(status().is(200)));
    Function<String, ChainBuilder> select = prefix -> exec(session -> session.set("row",
            1 + ThreadLocalRandom.current().nextInt(10_000)))
            .exec(http(prefix + "baseline select").get(Perf.BASELINE + "/select/#{row}").check(status().is(200)));
    Function<String, ChainBuilder> insert = prefix -> exec(http(prefix + "baseline insert")
            .post(Perf.BASELINE + "/insert").check(status().is(201)));

    PopulationBuilder phase(String name, ChainBuilder request) {
        return scenario(name).exec(during(Perf.DURATION).on(request)).injectOpen(atOnceUsers(Perf.USERS));
    }

    {
        ChainBuilder everything = exec(hello.apply(Perf.WARM), select.apply(Perf.WARM), insert.apply(Perf.WARM));
        setUp(scenario("warm-up").exec(during(Perf.WARMUP).on(everything)).injectOpen(atOnceUsers(Perf.WARMUP_USERS))
                .andThen(phase("baseline hello", hello.apply(""))
                        .andThen(phase("baseline select", select.apply(""))
                                .andThen(phase("baseline insert", insert.apply("")))))
        ).protocols(protocol);
    }
}
