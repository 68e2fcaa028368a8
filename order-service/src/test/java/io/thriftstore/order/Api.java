package io.thriftstore.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running service: answers are returned whatever their status, never thrown. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String base;

    Api(int port) {
        this.base = "http://localhost:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        this.http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(client)).build();
    }

    Response get(String path, String bearer) {
        return send(HttpMethod.GET, path, bearer, null, headers -> { });
    }

    Response post(String path, String bearer, Object json) {
        return send(HttpMethod.POST, path, bearer, json, headers -> { });
    }

    Response post(String path, String bearer, Object json, Consumer<HttpHeaders> headers) {
        return send(HttpMethod.POST, path, bearer, json, headers);
    }

    Response patch(String path, String bearer, Object json) {
        return send(HttpMethod.PATCH, path, bearer, json, headers -> { });
    }

    Response patch(String path, String bearer, Object json, Consumer<HttpHeaders> headers) {
        return send(HttpMethod.PATCH, path, bearer, json, headers);
    }

    private Response send(HttpMethod method, String path, String bearer, Object json, Consumer<HttpHeaders> extra) {
        RestClient.RequestBodySpec request = http.method(method).uri(URI.create(base + path))
            .headers(headers -> {
                if (bearer != null) {
                    headers.set(HttpHeaders.AUTHORIZATION, bearer);
                }
                extra.accept(headers);
            });
        if (json instanceof String raw) {
            request.contentType(MediaType.APPLICATION_JSON).body(raw);
        }
        else if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(json));
        }
        return request.exchange((req, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
            response.getBody().readAllBytes()));
    }

    record Response(int status, HttpHeaders headers, byte[] body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String id() {
            return json().path("id").asString();
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }
}
