package io.thriftstore.order;

import io.thriftstore.testing.Api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A stand-in for product-service's hold endpoint ({@code PUT /api/holds/{orderId}}), a real HTTP server on a free
 * port holding the stock of the products a test defines, all of an order or nothing, once per order id, with the
 * same refusals (problem+json with {@code reason}). It records every hold it made, so tests can tell a held order
 * whose commit failed. {@link #stop()} and {@link #start()} take it off and back on the same address, as an outage
 * would. product-service's own tests cover the real thing (expiry, races in MongoDB).
 */
@SuppressWarnings("unchecked")
final class FakeCatalog {

    static final String SERVICE_KEY = "order-service-test-key";

    private final Map<String, Map<String, Object>> products = new ConcurrentHashMap<>();
    /** Order id -> the answer it got (a repeat gets the same). */
    private final Map<String, Map<String, Object>> holds = new ConcurrentHashMap<>();
    /** Order id -> the traceparent header of its last hold request. */
    private final Map<String, String> traceparents = new ConcurrentHashMap<>();
    private final int port;
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    private HttpServer server;

    private FakeCatalog(int port) {
        this.port = port;
    }

    /** Starts on a free port, which it keeps across {@link #stop()} and {@link #start()}. */
    static FakeCatalog startOnFreePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            FakeCatalog catalog = new FakeCatalog(probe.getLocalPort());
            probe.close();
            catalog.start();
            return catalog;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 50);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/holds/", this::hold);
        // A thread per request: a slow answer must not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    synchronized void stop() {
        server.stop(0);
    }

    /** Answers only after {@code delay} from now on ({@code Duration.ZERO} to answer at once again). */
    void answerAfter(java.time.Duration delay) {
        this.delay = delay;
    }

    /** A product as product-service would describe it. */
    void put(String id, String sellerId, String sellerName, String name, String price, int quantity, String status) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", id);
        product.put("sellerId", sellerId);
        product.put("sellerName", sellerName);
        product.put("name", name);
        product.put("description", "A fine " + name);
        product.put("price", new BigDecimal(price));
        product.put("currency", "USD");
        product.put("category", "other");
        product.put("condition", "GOOD");
        product.put("quantity", quantity);
        product.put("status", status);
        product.put("imageUrls", List.of());
        product.put("createdAt", "2026-01-01T00:00:00Z");
        product.put("updatedAt", "2026-01-01T00:00:00Z");
        product.put("version", 0);
        products.put(id, product);
    }

    /** The stock left of a product. */
    int quantity(String productId) {
        return (Integer) products.get(productId).get("quantity");
    }

    /** Whether the stock of this order was held (a commit that failed afterwards leaves such a hold behind). */
    boolean held(String orderId) {
        return holds.containsKey(orderId);
    }

    /** The W3C traceparent the hold request of this order came with, or null. */
    String traceparentOf(String orderId) {
        return traceparents.get(orderId);
    }

    private void hold(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Thread.sleep(delay.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!"PUT".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!SERVICE_KEY.equals(exchange.getRequestHeaders().getFirst("Thriftstore-Service-Key"))) {
                refuse(exchange, 403, "SERVICE_ONLY", "Only order-service may hold stock.", List.of());
                return;
            }
            String orderId = exchange.getRequestURI().getPath().substring("/api/holds/".length());
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (traceparent != null) {
                traceparents.put(orderId, traceparent);
            }
            JsonNode request = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            Object answer;
            synchronized (this) { // one hold at a time: the all-or-nothing check and take are one step
                answer = holds.containsKey(orderId) ? holds.get(orderId) : take(orderId, request);
            }
            if (answer instanceof Refusal refusal) {
                refuse(exchange, refusal.status, refusal.reason, refusal.detail, refusal.items);
                return;
            }
            send(exchange, 200, "application/json", answer);
        }
    }

    private record Refusal(int status, String reason, String detail, List<Map<String, Object>> items) {
    }

    private Object take(String orderId, JsonNode request) {
        String buyerId = request.path("buyerId").asString();
        List<Map<String, Object>> wanted = new ArrayList<>();
        for (JsonNode item : request.path("items")) {
            Map<String, Object> product = products.get(item.path("productId").asString());
            if (product == null) {
                return new Refusal(404, "PRODUCT_NOT_FOUND", "Product " + item.path("productId").asString() + " does not exist.", List.of());
            }
            wanted.add(Map.of("product", product, "quantity", item.path("quantity").asInt()));
        }
        Map<String, Object> first = (Map<String, Object>) wanted.get(0).get("product");
        if (wanted.stream().anyMatch(w -> !((Map<String, Object>) w.get("product")).get("sellerId").equals(first.get("sellerId")))) {
            return new Refusal(400, "SEVERAL_SELLERS", "An order's items must all come from one seller.", List.of());
        }
        if (first.get("sellerId").equals(buyerId)) {
            return new Refusal(403, "OWN_PRODUCT", "You cannot order your own products.", List.of());
        }
        for (Map<String, Object> w : wanted) {
            Map<String, Object> product = (Map<String, Object>) w.get("product");
            if ("ARCHIVED".equals(product.get("status"))) {
                return new Refusal(409, "PRODUCT_ARCHIVED", "'" + product.get("name") + "' is no longer for sale.", List.of());
            }
        }
        List<Map<String, Object>> shortItems = new ArrayList<>();
        for (Map<String, Object> w : wanted) {
            Map<String, Object> product = (Map<String, Object>) w.get("product");
            if ((Integer) product.get("quantity") < (Integer) w.get("quantity")) {
                shortItems.add(Map.of("productId", product.get("id"), "name", product.get("name"),
                    "requested", w.get("quantity"), "available", product.get("quantity")));
            }
        }
        if (!shortItems.isEmpty()) {
            return new Refusal(409, "OUT_OF_STOCK", "Sold out: " + shortItems.get(0).get("name") + ".", shortItems);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> w : wanted) {
            Map<String, Object> product = (Map<String, Object>) w.get("product");
            int left = (Integer) product.get("quantity") - (Integer) w.get("quantity");
            product.put("quantity", left);
            items.add(Map.of("productId", product.get("id"), "name", product.get("name"), "price", product.get("price"),
                "quantity", w.get("quantity"), "remaining", left));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderId", orderId);
        answer.put("buyerId", buyerId);
        answer.put("sellerId", first.get("sellerId"));
        answer.put("sellerName", first.get("sellerName"));
        answer.put("currency", first.get("currency"));
        answer.put("items", items);
        answer.put("expiresAt", java.time.Instant.now().plusSeconds(120).toString());
        holds.put(orderId, answer);
        return answer;
    }

    private static void refuse(HttpExchange exchange, int status, String reason, String detail,
                               List<Map<String, Object>> items) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("reason", reason);
        problem.put("items", items);
        send(exchange, status, "application/problem+json", problem);
    }

    private static void send(HttpExchange exchange, int status, String type, Object json) throws IOException {
        byte[] body = Api.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
