package io.thriftstore.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client of a service under test, as a browser or another service calls it: answers are
 * returned whatever their status, never thrown, so a test asserts on 4xx answers like on 2xx ones.
 * Bodies given as a {@code String} are sent as they are (broken JSON included); anything else is
 * written as JSON.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        this.http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(client)).build();
    }

    public Response get(String path, String bearer) {
        return send(HttpMethod.GET, path, bearer, null, headers -> { });
    }

    public Response get(String path, String bearer, Consumer<HttpHeaders> headers) {
        return send(HttpMethod.GET, path, bearer, null, headers);
    }

    public Response post(String path, String bearer, Object json) {
        return send(HttpMethod.POST, path, bearer, json, headers -> { });
    }

    public Response post(String path, String bearer, Object json, Consumer<HttpHeaders> headers) {
        return send(HttpMethod.POST, path, bearer, json, headers);
    }

    public Response put(String path, String bearer) {
        return send(HttpMethod.PUT, path, bearer, null, headers -> { });
    }

    public Response put(String path, String bearer, Object json) {
        return send(HttpMethod.PUT, path, bearer, json, headers -> { });
    }

    public Response put(String path, String bearer, Object json, Consumer<HttpHeaders> headers) {
        return send(HttpMethod.PUT, path, bearer, json, headers);
    }

    public Response patch(String path, String bearer, Object json) {
        return send(HttpMethod.PATCH, path, bearer, json, headers -> { });
    }

    public Response patch(String path, String bearer, Object json, Consumer<HttpHeaders> headers) {
        return send(HttpMethod.PATCH, path, bearer, json, headers);
    }

    /** A PATCH with {@code If-Match}. */
    public Response patch(String path, String bearer, String ifMatch, Object json) {
        return send(HttpMethod.PATCH, path, bearer, json, headers -> headers.setIfMatch(ifMatch));
    }

    public Response delete(String path, String bearer) {
        return send(HttpMethod.DELETE, path, bearer, null, headers -> { });
    }

    /** A multipart upload of one file in the field {@code file}. */
    public Response upload(String path, String bearer, byte[] content, String filename, MediaType claimedType) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(claimedType);
        parts.add("file", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        }, partHeaders));
        return http.post().uri(uri(path))
            .headers(headers -> authorize(headers, bearer))
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(parts)
            .exchange((request, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
                response.getBody().readAllBytes()));
    }

    private Response send(HttpMethod method, String path, String bearer, Object json, Consumer<HttpHeaders> extra) {
        RestClient.RequestBodySpec request = http.method(method).uri(uri(path))
            .headers(headers -> {
                authorize(headers, bearer);
                extra.accept(headers);
            });
        if (json instanceof String raw) {
            request.contentType(MediaType.APPLICATION_JSON).body(raw);
        } else if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(json));
        }
        return request.exchange((req, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
            response.getBody().readAllBytes()));
    }

    /** The path exactly as given (tests encode their query parameters themselves). */
    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static void authorize(HttpHeaders headers, String bearer) {
        if (bearer != null) {
            headers.set(HttpHeaders.AUTHORIZATION, bearer);
        }
    }

    /** An answer: status, headers and the raw body ({@link #json()} parses it). */
    public record Response(int status, HttpHeaders headers, byte[] body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The {@code id} of the resource in the body. */
        public String id() {
            return json().path("id").asString();
        }

        /** The field names of the problem's {@code errors}. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }
}
