package io.thriftstore.platform.web;

import io.thriftstore.platform.web.testapp.SampleAppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Each error class of DESIGN section 5: its status, its stable type, problem+json, and nothing internal. */
class ProblemDetailsTests extends SampleAppTest {

    private static final String VALID_ITEM = """
        {"name":"Desk lamp","price":12.50,"quantity":1,"condition":"GOOD"}""";

    private String userId;
    private String authorization;

    @BeforeEach
    void newCaller() {
        userId = newUserId();
        authorization = bearer(userId, "Grace Hopper");
    }

    @Test
    void aValidCreateIs201WithLocationAndETag() throws Exception {
        mvc.perform(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON).content(VALID_ITEM))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.LOCATION, "/api/items/1"))
            .andExpect(header().string(HttpHeaders.ETAG, "\"0\""))
            .andExpect(jsonPath("$.sellerId").value(userId))
            .andExpect(jsonPath("$.sellerName").value("Grace Hopper"));
    }

    @Test
    void invalidBodyFieldsAre400WithEveryFieldNamed() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\" \",\"price\":-1,\"quantity\":0}"), 400, "validation")
            .andExpect(jsonPath("$.errors", hasSize(3)))
            .andExpect(jsonPath("$.errors[0].field").value("name"))
            .andExpect(jsonPath("$.errors[1].field").value("price"))
            .andExpect(jsonPath("$.errors[2].field").value("quantity"))
            .andExpect(jsonPath("$.errors[2].message").value("must be greater than or equal to 1"));
    }

    @Test
    void anOverLongTextIs400NotAServerError() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + "x".repeat(21) + "\",\"price\":1,\"quantity\":1}"), 400, "validation")
            .andExpect(jsonPath("$.errors[0].field").value("name"))
            .andExpect(jsonPath("$.errors[0].message").value("size must be between 0 and 20"));
    }

    @Test
    void invalidQueryParametersAre400WithTheParameterNamed() throws Exception {
        expectProblem(authorized(get("/api/search")).param("q", "lamp").param("size", "500"), 400, "validation")
            .andExpect(jsonPath("$.errors[0].field").value("size"))
            .andExpect(jsonPath("$.errors[0].message").value("must be less than or equal to 100"));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON).content("{\"name\":"),
            400, "malformed-request")
            .andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));
    }

    @Test
    void aMissingBodyIs400() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON), 400, "malformed-request");
    }

    @Test
    void aWrongJsonTypeIs400WithTheField() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Lamp\",\"price\":\"cheap\",\"quantity\":1}"), 400, "type-mismatch")
            .andExpect(jsonPath("$.errors[0].field").value("price"))
            .andExpect(jsonPath("$.errors[0].message").value("must be a number"));
    }

    @Test
    void anUnknownEnumValueIs400ListingTheAllowedOnes() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Lamp\",\"price\":1,\"quantity\":1,\"condition\":\"BROKEN\"}"), 400, "type-mismatch")
            .andExpect(jsonPath("$.errors[0].field").value("condition"))
            .andExpect(jsonPath("$.errors[0].message").value("must be one of NEW, LIKE_NEW, GOOD, FAIR"));
    }

    @Test
    void aPathVariableOfTheWrongTypeIs400WithItsName() throws Exception {
        expectProblem(authorized(get("/api/items/abc")), 400, "type-mismatch")
            .andExpect(jsonPath("$.errors[0].field").value("id"))
            .andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
    }

    @Test
    void aMissingParameterIs400WithItsName() throws Exception {
        expectProblem(authorized(get("/api/search")), 400, "missing-parameter")
            .andExpect(jsonPath("$.errors[0].field").value("q"));
    }

    @Test
    void aBusinessRuleOnAFieldIs400WithTheField() throws Exception {
        expectProblem(authorized(post("/api/currency")).param("currency", "EUR"), 400, "validation")
            .andExpect(jsonPath("$.detail").value("'currency' must be USD."))
            .andExpect(jsonPath("$.errors[0].field").value("currency"))
            .andExpect(jsonPath("$.errors[0].message").value("must be USD"));
    }

    @Test
    void anUnknownIdIs404() throws Exception {
        expectProblem(authorized(get("/api/items/42")), 404, "not-found")
            .andExpect(jsonPath("$.detail").value("No item 42."));
    }

    @Test
    void anUnknownRouteIs404NotAServerError() throws Exception {
        expectProblem(authorized(get("/api/no-such-thing")), 404, "not-found");
    }

    @Test
    void aForbiddenActionIs403() throws Exception {
        expectProblem(authorized(post("/api/forbidden")), 403, "forbidden")
            .andExpect(jsonPath("$.detail").value("Only the seller may change this item."));
    }

    @Test
    void aConflictIs409() throws Exception {
        expectProblem(authorized(post("/api/conflict")), 409, "conflict");
    }

    @Test
    void aStaleIfMatchIs412AndACurrentOneSucceeds() throws Exception {
        expectProblem(authorized(put("/api/items/1")).header(HttpHeaders.IF_MATCH, "\"2\"")
            .contentType(MediaType.APPLICATION_JSON).content(VALID_ITEM), 412, "precondition-failed");
        mvc.perform(authorized(put("/api/items/1")).header(HttpHeaders.IF_MATCH, "\"3\"")
                .contentType(MediaType.APPLICATION_JSON).content(VALID_ITEM))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.ETAG, "\"4\""));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(MAX_BODY_BYTES) + "\",\"price\":1,\"quantity\":1}";
        expectProblem(authorized(post("/api/items")).contentType(MediaType.APPLICATION_JSON).content(big), 413, "payload-too-large");
    }

    @Test
    void anUnsupportedMediaTypeIs415() throws Exception {
        expectProblem(authorized(post("/api/items")).contentType(MediaType.TEXT_PLAIN).content("lamp"), 415, "unsupported-media-type");
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOnes() throws Exception {
        expectProblem(authorized(delete("/api/me")), 405, "method-not-allowed")
            .andExpect(header().string(HttpHeaders.ALLOW, containsString("GET")));
    }

    @Test
    void aReusedIdempotencyKeyIs422() throws Exception {
        expectProblem(authorized(post("/api/unprocessable")), 422, "unprocessable");
    }

    @Test
    void aDownstreamOutageIs503WithItsDetail() throws Exception {
        expectProblem(authorized(get("/api/unavailable")), 503, "service-unavailable")
            .andExpect(jsonPath("$.detail").value("product-service is unavailable; try again shortly."));
    }

    @Test
    void aStoreThatIsDownIs503WithRetryAfterNotAServerError() throws Exception {
        expectProblem(authorized(get("/api/store-down")), 503, "service-unavailable")
            .andExpect(header().string("Retry-After", "5"))
            .andExpect(content().string(not(containsString("5432"))));
    }

    @Test
    void anUnexpectedErrorIs500WithoutItsMessageOrStackTrace() throws Exception {
        expectProblem(authorized(get("/api/boom")), 500, "internal")
            .andExpect(content().string(not(containsString("secret"))))
            .andExpect(content().string(not(containsString("postgresql"))))
            .andExpect(content().string(not(containsString("IllegalStateException"))))
            .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void problemsAreProblemJsonEvenWhenTheClientAsksForPlainJson() throws Exception {
        expectProblem(authorized(get("/api/items/42")).accept(MediaType.APPLICATION_JSON), 404, "not-found");
    }

    private MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, authorization);
    }

    private ResultActions expectProblem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
        return mvc.perform(request)
            .andExpect(status().is(status))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://thriftstore.dev/problems/" + type))
            .andExpect(jsonPath("$.status").value(status))
            .andExpect(jsonPath("$.title").isNotEmpty())
            .andExpect(jsonPath("$.detail").isNotEmpty())
            .andExpect(jsonPath("$.instance").isNotEmpty())
            .andExpect(content().string(not(containsString("\tat "))));
    }
}
