package io.thriftstore.wishlist;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for product-service's public product API on a real local port ({@code GET /api/products/{id}},
 * {@code POST /api/products/bulk} answering a JSON array of the known products in the order asked, at most
 * 100 ids). It can be stopped (connections refused) and slowed down, to show what the wishlist does then.
 * One per JVM, like the service context that points at it.
 */
public final class CatalogStub {

    public static final CatalogStub INSTANCE = new CatalogStub();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Map<String, Object>> products = new ConcurrentHashMap<>();
    private final List<Integer> bulkSizes = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private final int port;
    private HttpServer server;

    private CatalogStub() {
        server = bind(0);
        port = server.getAddress().getPort();
        server.start();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Lists a product (ACTIVE, quantity 1, price 25.00) and returns its id (ObjectId-like: 24 hex digits). */
    public String list(String name) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        put(id, name, new BigDecimal("25.00"), "ACTIVE", 1, "user_seller_" + id);
        return id;
    }

    public void put(String id, String name, BigDecimal price, String status, int quantity, String sellerId) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", id);
        product.put("sellerId", sellerId);
        product.put("sellerName", "Seller of " + name);
        product.put("name", name);
        product.put("description", "");
        product.put("price", price);
        product.put("currency", "USD");
        product.put("category", "other");
        product.put("condition", "GOOD");
        product.put("quantity", quantity);
        product.put("status", status);
        product.put("imageUrls", List.of());
        product.put("createdAt", Instant.now().toString());
        product.put("updatedAt", Instant.now().toString());
        product.put("version", 0);
        products.put(id, product);
    }

    /** Changes fields of a listed product, as its seller or an order would. */
    public void update(String id, Map<String, Object> changes) {
        products.get(id).putAll(changes);
    }

    /** product-service no longer knows it (a 404; bulk leaves it out). */
    public void forget(String id) {
        products.remove(id);
    }

    public Map<String, Object> product(String id) {
        return products.get(id);
    }

    /** The number of ids of each bulk request received so far. */
    public List<Integer> bulkSizes() {
        return List.copyOf(bulkSizes);
    }

    public void clearBulkSizes() {
        bulkSizes.clear();
    }

    /** Every answer waits this long first. */
    public void slowDown(Duration delay) {
        this.delay = delay;
    }

    /** Connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Back on the same port, with the same products, at full speed. */
    public synchronized void start() {
        delay = Duration.ZERO;
        if (server == null) {
            server = bind(port);
            server.start();
        }
    }

    private HttpServer bind(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/api/products", this::handle);
            return http;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Thread.sleep(delay.toMillis());
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/api/products/bulk")) {
                JsonNode ids = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("ids");
                if (ids.size() > 100) {
                    respond(exchange, 400, Map.of("title", "too many ids"));
                    return;
                }
                bulkSizes.add(ids.size());
                List<Map<String, Object>> known = new ArrayList<>();
                ids.forEach(id -> {
                    Map<String, Object> product = products.get(id.asString());
                    if (product != null) {
                        known.add(product);
                    }
                });
                respond(exchange, 200, known);
            }
            else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/api/products/")) {
                Map<String, Object> product = products.get(path.substring("/api/products/".length()));
                respond(exchange, product == null ? 404 : 200, product == null ? Map.of("title", "Not Found") : product);
            }
            else {
                respond(exchange, 404, Map.of("title", "Not Found"));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
