package io.thriftstore.platform.productclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.thriftstore.platform.productclient.ProductServiceStub.Answer;

/**
 * The client as a service gets it (auto-configuration, the library's defaults, Boot's resilience4j registries)
 * against product-service stand-in on a real port: what each answer, silence or refusal becomes.
 */
@SpringBootTest(classes = ProductClientIT.Service.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
        "thriftstore.catalog.read-timeout=300ms",
        "thriftstore.catalog.service-key=the-key",
        "thriftstore.catalog.retry-after=7s",
        "resilience4j.retry.instances.catalog.wait-duration=10ms"})
class ProductClientIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Service {
    }

    private static final ProductServiceStub PRODUCT_SERVICE = new ProductServiceStub();

    private static final String LAMP = """
        {"id":"p-1","sellerId":"user_seller","sellerName":"Sam","name":"Lamp","description":"","price":25.00,
         "currency":"USD","category":"other","condition":"GOOD","quantity":2,"status":"ACTIVE","imageUrls":[],
         "version":3}""";

    private static final String HOLD = """
        {"orderId":"o-1","sellerId":"user_seller","sellerName":"Sam","currency":"USD",
         "items":[{"productId":"p-1","name":"Lamp","price":25.00,"quantity":1}],"expiresAt":"2026-12-07T10:00:00Z"}""";

    private static final String SOLD_OUT = """
        {"type":"https://thriftstore.io/problems/sold-out","title":"Sold out","status":409,
         "detail":"Lamp is sold out.","reason":"OUT_OF_STOCK",
         "items":[{"productId":"p-1","name":"Lamp","requested":2,"available":0}]}""";

    @DynamicPropertySource
    static void productService(DynamicPropertyRegistry registry) {
        registry.add("thriftstore.catalog.url", PRODUCT_SERVICE::url);
    }

    @AfterAll
    static void stop() {
        PRODUCT_SERVICE.stop();
    }

    @Autowired
    ProductClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void freshStart() {
        PRODUCT_SERVICE.reset();
        breakers.circuitBreaker("catalog").reset();
    }

    @Test
    void aKnownProductIsReadWithTheFieldsCallersUse() {
        PRODUCT_SERVICE.answer(Answer.json(200, LAMP));

        CatalogProduct lamp = client.product("p-1").orElseThrow();

        assertThat(lamp.name()).isEqualTo("Lamp");
        assertThat(lamp.price()).isEqualByComparingTo("25.00");
        assertThat(lamp.sellerId()).isEqualTo("user_seller");
        assertThat(lamp.available()).isTrue();
        assertThat(PRODUCT_SERVICE.requests()).singleElement().satisfies(request -> {
            assertThat(request.method() + " " + request.path()).isEqualTo("GET /api/products/p-1");
            assertThat(request.serviceKey()).as("the key goes only with holds").isNull();
        });
    }

    @Test
    void anUnknownProductIsEmptyNotAFailure() {
        assertThat(client.product("gone")).isEmpty();
    }

    @Test
    void aFailingReadIsUnavailableAtOnceWithoutRetry() {
        PRODUCT_SERVICE.always(Answer.problem(500, "{\"title\":\"Internal Server Error\"}"));

        assertThatThrownBy(() -> client.product("p-1")).isInstanceOf(ProductServiceUnavailableException.class);
        assertThatThrownBy(() -> client.products(List.of("p-1"))).isInstanceOf(ProductServiceUnavailableException.class);
        assertThat(PRODUCT_SERVICE.requests()).hasSize(2);
    }

    @Test
    void aHangingProductServiceCostsAReadOnlyOneReadTimeout() {
        PRODUCT_SERVICE.always(Answer.json(200, LAMP).after(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.product("p-1")).isInstanceOf(ProductServiceUnavailableException.class);

        // read-timeout is 300 ms here; the margin is for a busy build machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        assertThat(PRODUCT_SERVICE.requests()).hasSize(1);
    }

    @Test
    void aStoppedProductServiceIsUnavailable() {
        PRODUCT_SERVICE.stop();

        assertThatThrownBy(() -> client.product("p-1")).isInstanceOf(ProductServiceUnavailableException.class)
            .satisfies(e -> assertThat(((ProductServiceUnavailableException) e).retryAfter()).hasSeconds(7));
    }

    @Test
    void aBulkLookupAsksAtMostAHundredIdsARequestAndLeavesUnknownIdsOut() {
        PRODUCT_SERVICE.answer(Answer.json(200, "[" + LAMP + "]"), Answer.json(200, "[]"), Answer.json(200, "[]"));
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> i == 0 ? "p-1" : "unknown-" + i).toList();

        assertThat(client.products(ids)).containsOnlyKeys("p-1");
        assertThat(PRODUCT_SERVICE.requests()).extracting(ProductServiceStub.Request::path)
            .containsOnly("/api/products/bulk").hasSize(3);
        assertThat(PRODUCT_SERVICE.requests().get(0).body()).startsWith("{\"ids\":[\"p-1\",\"unknown-1\",");
        assertThat(PRODUCT_SERVICE.requests().get(2).body()).contains("\"unknown-249\"").doesNotContain("\"unknown-199\"");
    }

    @Test
    void aHoldSendsTheServiceKeyAndReturnsWhatWasHeld() {
        PRODUCT_SERVICE.answer(Answer.json(200, HOLD));

        StockHold hold = client.hold("o-1", "user_buyer", List.of(new HoldLine("p-1", 1)));

        assertThat(hold.sellerName()).isEqualTo("Sam");
        assertThat(hold.items()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("Lamp");
            assertThat(item.price()).isEqualByComparingTo("25.00");
        });
        ProductServiceStub.Request request = PRODUCT_SERVICE.requests().get(0);
        assertThat(request.method() + " " + request.path()).isEqualTo("PUT /api/holds/o-1");
        assertThat(request.serviceKey()).isEqualTo("the-key");
        assertThat(request.accept()).contains("application/problem+json");
        assertThat(request.body()).isEqualTo("{\"buyerId\":\"user_buyer\",\"items\":[{\"productId\":\"p-1\",\"quantity\":1}]}");
    }

    @Test
    void aSoldOutRefusalIsDecodedWithItsItemsAndNotRetried() {
        PRODUCT_SERVICE.always(Answer.problem(409, SOLD_OUT));

        assertThatThrownBy(() -> client.hold("o-2", "user_buyer", List.of(new HoldLine("p-1", 2))))
            .isInstanceOfSatisfying(HoldRefusedException.class, refused -> {
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.reason()).isEqualTo("OUT_OF_STOCK");
                assertThat(refused.detail()).isEqualTo("Lamp is sold out.");
                assertThat(refused.items()).containsExactly(new HoldRefusedException.ShortItem("p-1", "Lamp", 2, 0));
            });
        assertThat(PRODUCT_SERVICE.requests()).hasSize(1);
    }

    @Test
    void refusalsDoNotOpenTheBreaker() {
        PRODUCT_SERVICE.always(Answer.problem(404, "{\"detail\":\"No product p-9.\",\"reason\":\"PRODUCT_NOT_FOUND\"}"));

        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> client.hold("o-3", "user_buyer", List.of(new HoldLine("p-9", 1))))
                .isInstanceOfSatisfying(HoldRefusedException.class,
                    refused -> assertThat(refused.reason()).isEqualTo("PRODUCT_NOT_FOUND"));
        }
        assertThat(breakers.circuitBreaker("catalog").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRefusalWithoutAProblemBodyKeepsItsStatus() {
        PRODUCT_SERVICE.always(new Answer(403, "text/html", "<h1>Forbidden</h1>", Duration.ZERO));

        assertThatThrownBy(() -> client.hold("o-4", "user_buyer", List.of(new HoldLine("p-1", 1))))
            .isInstanceOfSatisfying(HoldRefusedException.class, refused -> {
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.reason()).isNull();
            });
    }

    @Test
    void aHoldAnsweredWithoutABodyIsUnavailableNotANullHold() {
        PRODUCT_SERVICE.always(Answer.json(200, ""));

        assertThatThrownBy(() -> client.hold("o-7", "user_buyer", List.of(new HoldLine("p-1", 1))))
            .isInstanceOf(ProductServiceUnavailableException.class);
    }

    @Test
    void aFailedHoldIsRetriedAndTheSecondAnswerCounts() {
        PRODUCT_SERVICE.answer(Answer.problem(503, "{}"), Answer.json(200, HOLD));

        assertThat(client.hold("o-1", "user_buyer", List.of(new HoldLine("p-1", 1))).orderId()).isEqualTo("o-1");
        assertThat(PRODUCT_SERVICE.requests()).hasSize(2)
            .allSatisfy(request -> assertThat(request.path()).isEqualTo("/api/holds/o-1"));
    }

    @Test
    void aHoldThatNeverAnswersIsUnavailableAfterThreeAttemptsOfOneReadTimeoutEach() {
        PRODUCT_SERVICE.always(Answer.json(200, HOLD).after(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.hold("o-5", "user_buyer", List.of(new HoldLine("p-1", 1))))
            .isInstanceOfSatisfying(ProductServiceUnavailableException.class,
                down -> assertThat(down.retryAfter()).hasSeconds(7));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(PRODUCT_SERVICE.requests()).hasSize(3);
    }

    @Test
    void afterFiveFailedHoldsTheBreakerAnswersWithoutAskingProductService() {
        PRODUCT_SERVICE.always(Answer.problem(500, "{}"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.hold("o-6", "user_buyer", List.of(new HoldLine("p-1", 1))))
                .isInstanceOf(ProductServiceUnavailableException.class);
        }
        assertThat(PRODUCT_SERVICE.requests()).hasSize(15);
        PRODUCT_SERVICE.always(Answer.json(200, HOLD));

        assertThatThrownBy(() -> client.hold("o-6", "user_buyer", List.of(new HoldLine("p-1", 1))))
            .isInstanceOf(ProductServiceUnavailableException.class);
        assertThat(PRODUCT_SERVICE.requests()).as("the open breaker did not call").hasSize(15);
        assertThat(breakers.circuitBreaker("catalog").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
