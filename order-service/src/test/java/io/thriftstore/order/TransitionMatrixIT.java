package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status an order can be in, times every status asked for, times buyer and seller, over HTTP. The
 * expected answers are written out here from DESIGN sections 4 and 5, independently of the service's table:
 * 200 for an allowed transition, 403 when the role may never make it, 409 when it may but not from here.
 */
class TransitionMatrixIT extends OrderServiceIntegrationTest {

    static final List<String> STATUSES = List.of("PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED", "DELIVERED");

    static final Set<String> ALLOWED = Set.of(
        "buyer PENDING->CANCELLED",
        "buyer CONFIRMED->CANCELLED",
        "seller CONFIRMED->CANCELLED",
        "seller CONFIRMED->SHIPPED",
        "seller SHIPPED->DELIVERED");

    static final Map<String, Set<String>> EVER_ALLOWED = Map.of(
        "buyer", Set.of("CANCELLED"),
        "seller", Set.of("CANCELLED", "SHIPPED", "DELIVERED"));

    record Fixture(String orderId, String buyer, String seller) {
    }

    // Refused requests change nothing, so one order per status serves all of them.
    private static final Map<String, Fixture> SHARED = new ConcurrentHashMap<>();

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String from : STATUSES) {
            for (String to : STATUSES) {
                for (String role : List.of("buyer", "seller")) {
                    int expected = ALLOWED.contains(role + " " + from + "->" + to) ? 200
                        : EVER_ALLOWED.get(role).contains(to) ? 409 : 403;
                    cases.add(Arguments.of(role, from, to, expected));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} asks {1} -> {2}: {3}")
    @MethodSource("matrix")
    void transitions(String role, String from, String to, int expected) {
        Fixture order = expected == 200 ? orderIn(from) : SHARED.computeIfAbsent(from, this::orderIn);
        String caller = role.equals("buyer") ? order.buyer() : order.seller();
        long versionBefore = api.get("/api/orders/" + order.orderId(), bearer(caller)).json().path("version").asLong();

        Api.Response answer = api.patch("/api/orders/" + order.orderId(), bearer(caller), Map.of("status", to));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
        Api.Response after = api.get("/api/orders/" + order.orderId(), bearer(caller));
        if (expected == 200) {
            assertThat(answer.json().path("status").asString()).isEqualTo(to);
            assertThat(after.json().path("status").asString()).isEqualTo(to);
            assertThat(after.json().path("version").asLong()).isGreaterThan(versionBefore);
            JsonAssertions.lastHistory(after, to, caller);
        }
        else {
            assertThat(answer.headers().getContentType().toString()).contains("application/problem+json");
            assertThat(after.json().path("status").asString()).isEqualTo(from);
            assertThat(after.json().path("version").asLong()).isEqualTo(versionBefore);
        }
    }

    /**
     * A new order brought to {@code status} the way users would; PENDING and REJECTED, which no new order reaches
     * any more, are stored as an older version of the service left them.
     */
    Fixture orderIn(String status) {
        String seller = user("seller");
        String buyer = user("buyer");
        String id = place(buyer, product(seller, "10", 5), 1).id();
        switch (status) {
            case "PENDING", "REJECTED" -> storedAs(id, status);
            case "CANCELLED" -> assertThat(cancel(id, buyer).status()).isEqualTo(200);
            case "SHIPPED", "DELIVERED" -> {
                assertThat(api.patch("/api/orders/" + id, bearer(seller), Map.of("status", "SHIPPED")).status()).isEqualTo(200);
                if (status.equals("DELIVERED")) {
                    assertThat(api.patch("/api/orders/" + id, bearer(seller), Map.of("status", "DELIVERED")).status()).isEqualTo(200);
                }
            }
            default -> { }
        }
        assertThat(api.get("/api/orders/" + id, bearer(buyer)).json().path("status").asString()).isEqualTo(status);
        return new Fixture(id, buyer, seller);
    }

    private Api.Response cancel(String id, String user) {
        return api.patch("/api/orders/" + id, bearer(user), Map.of("status", "CANCELLED"));
    }
}
