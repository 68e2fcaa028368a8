package io.thriftstore.platform.productclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * product-service on a real local port, answering what the test tells it to (JDK HttpServer: enough for canned
 * answers, and already in the JDK). It records every request it got, and can stop (connections refused).
 */
final class ProductServiceStub {

    /** What one request got. */
    record Request(String method, String path, String serviceKey, String accept, String body) {
    }

    /** The canned answer: status, content type, body, after a delay. */
    record Answer(int status, String contentType, String body, Duration delay) {

        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Duration.ZERO);
        }

        static Answer problem(int status, String body) {
            return new Answer(status, "application/problem+json", body, Duration.ZERO);
        }

        Answer after(Duration wait) {
            return new Answer(status, contentType, body, wait);
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Answer> script = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = Answer.problem(404, "{\"title\":\"Not Found\"}");
    private final int port;
    private HttpServer server;

    ProductServiceStub() {
        server = bind(0);
        port = server.getAddress().getPort();
        server.start();
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** The next requests get these answers in turn, then {@link #always}'s. */
    void answer(Answer... next) {
        script.addAll(List.of(next));
    }

    void always(Answer answer) {
        otherwise = answer;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requests.clear();
        script.clear();
        otherwise = Answer.problem(404, "{\"title\":\"Not Found\"}");
        start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized void start() {
        if (server == null) {
            server = bind(port);
            server.start();
        }
    }

    private HttpServer bind(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/", this::handle);
            return http;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Thriftstore-Service-Key"),
                exchange.getRequestHeaders().getFirst("Accept"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer = script.isEmpty() ? otherwise : script.remove(0);
            Thread.sleep(answer.delay().toMillis());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException clientGone) {
            // the client's read timeout closed the connection first: nothing to answer
        }
    }
}
