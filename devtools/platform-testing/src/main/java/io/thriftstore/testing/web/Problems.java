package io.thriftstore.testing.web;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/** What every error answer of the platform is, for web slice tests: RFC 9457 problem+json of a stable type. */
public final class Problems {

    private Problems() {
    }

    /** A problem+json body whose {@code type} is {@code type} (one of {@code ProblemTypes}). */
    public static ResultMatcher problem(URI type) {
        ResultMatcher problemJson = content().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        ResultMatcher ofType = jsonPath("$.type").value(type.toString());
        return result -> {
            problemJson.match(result);
            ofType.match(result);
        };
    }
}
