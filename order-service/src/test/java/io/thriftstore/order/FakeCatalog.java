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
 * A stand-in for product-service's REST API ({@code POST /api/products/bulk}), a real HTTP server on a free
 * port serving the products a test defines. {@link #stop()} and {@link #start()} take it off and back on the
 * same address, as an outage would.
 */
final class FakeCatalog {

    private final Map<String, Map<String, Object>> products = new ConcurrentHashMap<>();
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
        server.createContext("/api/products/bulk", this::bulk);
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

    private void bulk(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Thread.sleep(delay.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode request = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            List<Object> found = new ArrayList<>();
            request.path("ids").forEach(id -> {
                Map<String, Object> product = products.get(id.asString());
                if (product != null) {
                    found.add(product);
                }
            });
            byte[] body = Api.JSON.writeValueAsString(found).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
