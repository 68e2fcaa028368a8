package io.thriftstore.platform.web;

import io.thriftstore.platform.web.testapp.SampleAppTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What MockMvc cannot show: the servlet container's error dispatch and chunked bodies over a socket. */
class RealServerProblemsIT extends SampleAppTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void errorsRaisedOutsideSpringMvcAreProblemJsonToo() throws Exception {
        HttpResponse<String> response = http.send(request("/api/send-error").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"type\":\"https://thriftstore.dev/problems/conflict\"", "\"instance\":\"/api/send-error\"");
    }

    @Test
    void pathsTomcatRefusesBeforeAnyApplicationSeesThemAreProblemJsonToo() throws Exception {
        // An encoded slash, a NUL and a backslash: Tomcat answers 400 itself, with no context mapped.
        for (String path : new String[] {"/api/items/a%2Fb", "/api/items/%00", "/api/items/a%5C..%5C..%5Cb", "/api/%2e%2e/%2e%2e/x"}) {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).contains("\"type\":\"https://thriftstore.dev/problems/malformed-request\"",
                "\"title\":\"Bad Request\"", "\"status\":400").doesNotContain("Tomcat", "<html");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(MAX_BODY_BYTES * 2) + "\",\"price\":1,\"quantity\":1}").getBytes(StandardCharsets.UTF_8);
        // An input-stream publisher has no known length, so the client sends it chunked: the limit applies while reading.
        HttpRequest request = request("/api/items").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("https://thriftstore.dev/problems/payload-too-large");
    }

    @Test
    void aMissingTokenOverTheWireIs401ProblemWithAChallenge() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("https://thriftstore.dev/problems/unauthorized");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", bearer(newUserId(), "Ada"));
    }
}
