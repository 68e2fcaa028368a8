package io.thriftstore.consumer.insights;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/** Insights answer only the caller's own figures; with the figures mocked. */
@WebSliceTest(InsightsController.class)
class InsightsControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Insights insights;

    @Test
    void withoutATokenInsightsAre401() throws Exception {
        mvc.perform(get("/api/insights/sellers/me"))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        mvc.perform(get("/api/insights/sellers/me")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.forUser("user_alice", "Alice").expired().bearer()))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value(ProblemTypes.UNAUTHORIZED.toString()));
    }

    @Test
    void aProductTheCallerDoesNotSellIs404() throws Exception {
        given(insights.ofProduct("p-of-bob", "user_alice")).willReturn(Optional.empty());

        mvc.perform(get("/api/insights/products/p-of-bob").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("user_alice", "Alice")))
            .andExpect(status().isNotFound())
            .andExpect(problem(ProblemTypes.NOT_FOUND));
    }
}
