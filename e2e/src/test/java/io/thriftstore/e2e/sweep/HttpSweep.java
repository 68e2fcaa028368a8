package io.thriftstore.e2e.sweep;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.thriftstore.e2e.Platform;
import io.thriftstore.devtools.tokens.DevTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds every bad request for one service from its OpenAPI document, sends them (a few at a time:
 * the machine has two cores and other work), and keeps each answer for the assertions.
 */
final class HttpSweep {

    private static final int PARALLEL = 4;
    /** A fresh user every few requests keeps the per-user write limit (60/min) from answering 429 for everything. */
    private static final int REQUESTS_PER_USER = 20;
    private static final String PLACEHOLDER = "\"__sweep_placeholder__\"";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final DevTokens keys = DevTokens.read(Platform.DATA.resolve("dev-keys"));
    private final DevTokens foreignKeys = DevTokens.generate();
    private final BadValues values = new BadValues();
    private int requestsOfUser = REQUESTS_PER_USER;
    private int users;
    private String token;

    /** One request as sent; {@code mustBe401} when its token is one the platform has to refuse. */
    record Request(String service, String method, URI uri, Map<String, String> headers, String body, String label,
                   boolean mustBe401) {

        String describe() {
            String snippet = body == null ? "" : " body=" + (body.length() > 160 ? body.substring(0, 160) + "...(" + body.length() + " chars)" : body);
            return method + " " + abbreviate(uri.toString()) + " [" + label + "]" + snippet;
        }
    }

    record Exchange(Request request, int status, String contentType, String body) {

        String describe() {
            return request.describe() + "\n    -> " + status + " " + contentType + " " + abbreviate(body);
        }
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
    }

    List<Exchange> sweep(String service, int port, List<ApiOperations.Operation> operations) throws Exception {
        List<Request> requests = new ArrayList<>();
        for (ApiOperations.Operation operation : operations) {
            requests.addAll(badTokens(service, port, operation));
            requests.addAll(badParameters(service, port, operation));
            requests.addAll(pagingEdges(service, port, operation));
            requests.addAll(badBodies(service, port, operation));
        }
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Exchange>> answers = new ArrayList<>();
            for (Request request : requests) {
                answers.add(executor.submit(() -> send(request)));
            }
            List<Exchange> exchanges = new ArrayList<>();
            for (Future<Exchange> answer : answers) {
                exchanges.add(answer.get());
            }
            return exchanges;
        } finally {
            executor.shutdownNow();
        }
    }

    private List<Request> badTokens(String service, int port, ApiOperations.Operation operation) {
        String subject = "user_sweep_tokens";
        String origin = Platform.dashboardOrigin();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage token", "garbage");
        tokens.put("unsigned alg=none token", "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyX3N3ZWVwIn0.");
        tokens.put("expired token", keys.sign(DevTokens.Claims.of(subject).name("Sweep").azp(origin)
                .issuedAt(Instant.now().minus(Duration.ofHours(2))).expiresAt(Instant.now().minus(Duration.ofHours(1)))));
        tokens.put("token signed by another key", foreignKeys.sign(DevTokens.Claims.of(subject).name("Sweep").azp(origin)));
        tokens.put("token for another origin (azp)", keys.sign(DevTokens.Claims.of(subject).name("Sweep").azp("https://evil.example")));
        List<Request> requests = new ArrayList<>();
        requests.add(base(service, port, operation, null, "no token", false));
        tokens.forEach((label, bad) -> requests.add(base(service, port, operation, bad, label, true)));
        return requests;
    }

    private List<Request> badParameters(String service, int port, ApiOperations.Operation operation) {
        List<Request> requests = new ArrayList<>();
        for (ApiOperations.Parameter parameter : operation.parameters()) {
            List<String> tried = new ArrayList<>(BadValues.PARAMETERS);
            tried.addAll(values.randomParameters());
            for (String value : tried) {
                if (parameter.in().equals("header") && !value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                    continue; // HTTP headers cannot carry these: the client refuses to send them, no server sees them
                }
                Map<String, String> parameters = new LinkedHashMap<>(validParameters(operation));
                parameters.put(parameter.name(), value);
                requests.add(request(service, port, operation, parameters, validBody(operation), "application/json",
                        validToken(), parameter.in() + " " + parameter.name() + "=" + abbreviate(value), false));
            }
        }
        return requests;
    }

    /** Lists with page and size: every pair of edge values, since the offset is their product. */
    private List<Request> pagingEdges(String service, int port, ApiOperations.Operation operation) {
        List<Request> requests = new ArrayList<>();
        boolean paged = operation.parameters().stream().anyMatch(p -> p.name().equals("page"))
                && operation.parameters().stream().anyMatch(p -> p.name().equals("size"));
        if (!paged) {
            return requests;
        }
        for (String page : BadValues.PAGES) {
            for (String size : BadValues.SIZES) {
                Map<String, String> parameters = new LinkedHashMap<>(validParameters(operation));
                parameters.put("page", page);
                parameters.put("size", size);
                requests.add(request(service, port, operation, parameters, validBody(operation), "application/json",
                        validToken(), "page=" + page + "&size=" + size, false));
            }
        }
        return requests;
    }

    private List<Request> badBodies(String service, int port, ApiOperations.Operation operation) {
        List<Request> requests = new ArrayList<>();
        if (!operation.writes()) {
            return requests;
        }
        Map<String, String> parameters = validParameters(operation);
        JsonNode schema = operation.bodySchema();
        if (schema != null && schema.has("properties")) {
            JsonNode valid = BadValues.valid(schema);
            for (List<Object> field : fields(schema, List.of())) {
                List<String> tried = new ArrayList<>(BadValues.FIELD_VALUES);
                tried.addAll(values.randomFieldValues());
                for (String value : tried) {
                    requests.add(request(service, port, operation, parameters, withField(valid, field, value), "application/json",
                            validToken(), "field " + field + (value == null ? " missing" : " = " + abbreviate(value)), false));
                }
            }
        }
        List<String> bodies = new ArrayList<>(BadValues.BODIES);
        bodies.add(BadValues.overOneMegabyte());
        for (String body : bodies) {
            requests.add(request(service, port, operation, parameters, body, "application/json", validToken(), "whole body", false));
        }
        String valid = validBody(operation);
        for (String contentType : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=sweep", "application/json; charset=klingon", "garbage", null}) {
            requests.add(request(service, port, operation, parameters, valid, contentType, validToken(),
                    "Content-Type " + contentType, false));
        }
        return requests;
    }

    /** Every field of the body, nested objects and the first element of object arrays included. */
    private static List<List<Object>> fields(JsonNode schema, List<Object> prefix) {
        List<List<Object>> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(property.getKey());
            fields.add(path);
            JsonNode value = property.getValue();
            if (value.has("properties")) {
                fields.addAll(fields(value, path));
            } else if (value.path("items").has("properties")) {
                List<Object> element = new ArrayList<>(path);
                element.add(0);
                fields.addAll(fields(value.path("items"), element));
            }
        }
        return fields;
    }

    /** The valid body with one field replaced by raw JSON text, or removed when {@code raw} is null. */
    private static String withField(JsonNode valid, List<Object> path, String raw) {
        JsonNode copy = valid.deepCopy();
        JsonNode parent = copy;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (raw == null) {
            ((ObjectNode) parent).remove((String) last);
            return copy.toString();
        }
        String marker = PLACEHOLDER.substring(1, PLACEHOLDER.length() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, marker);
        } else {
            ((ObjectNode) parent).put((String) last, marker);
        }
        return copy.toString().replace(PLACEHOLDER, raw);
    }

    private Request base(String service, int port, ApiOperations.Operation operation, String bearer, String label, boolean mustBe401) {
        return request(service, port, operation, validParameters(operation), validBody(operation), "application/json",
                bearer, label, mustBe401);
    }

    private static Map<String, String> validParameters(ApiOperations.Operation operation) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (ApiOperations.Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path") || parameter.required()) {
                parameters.put(parameter.name(), BadValues.validParameter(parameter.schema()));
            }
        }
        return parameters;
    }

    private static String validBody(ApiOperations.Operation operation) {
        return operation.bodySchema() == null ? null : BadValues.valid(operation.bodySchema()).toString();
    }

    private static Request request(String service, int port, ApiOperations.Operation operation, Map<String, String> parameters,
                                   String body, String contentType, String bearer, String label, boolean mustBe401) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (ApiOperations.Parameter parameter : operation.parameters()) {
            String value = parameters.get(parameter.name());
            if (value == null) {
                continue;
            }
            switch (parameter.in()) {
                case "path" -> path = path.replace("{" + parameter.name() + "}", encode(value));
                case "query" -> query.append(query.isEmpty() ? "?" : "&").append(encode(parameter.name())).append('=').append(encode(value));
                case "header" -> headers.put(parameter.name(), value);
                default -> {
                }
            }
        }
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        if (body != null && contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Request(service, operation.method(), Platform.uri(port, path + query), headers, body, label, mustBe401);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String validToken() {
        if (requestsOfUser++ >= REQUESTS_PER_USER) {
            requestsOfUser = 1;
            users++;
            token = keys.sign(DevTokens.Claims.of("user_sweep_" + users).name("Sweep " + users).azp(Platform.dashboardOrigin()));
        }
        return token;
    }

    private static Exchange send(Request request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(20));
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(request, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (java.io.IOException e) {
            // The server dropped the connection instead of answering: as bad for a user as a 5xx.
            return new Exchange(request, 599, "", "no answer: " + e);
        }
    }
}
