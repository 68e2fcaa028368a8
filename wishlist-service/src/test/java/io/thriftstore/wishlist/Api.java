package io.thriftstore.wishlist;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

/** A plain HTTP client of the running service: answers are returned whatever their status, never thrown. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        this.http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(client)).build();
    }

    public Response get(String path, String bearer) {
        return send(HttpMethod.GET, path, bearer);
    }

    public Response put(String path, String bearer) {
        return send(HttpMethod.PUT, path, bearer);
    }

    public Response delete(String path, String bearer) {
        return send(HttpMethod.DELETE, path, bearer);
    }

    private Response send(HttpMethod method, String path, String bearer) {
        return http.method(method).uri(URI.create(base + path))
            .headers(headers -> {
                if (bearer != null) {
                    headers.set(HttpHeaders.AUTHORIZATION, bearer);
                }
            })
            .exchange((request, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
                response.getBody().readAllBytes()));
    }

    /** An answer: status, headers and the raw body ({@link #json()} parses it). */
    public record Response(int status, HttpHeaders headers, byte[] body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }
}
