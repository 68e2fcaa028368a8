package io.thriftstore.consumer.savedsearch;

import static io.thriftstore.testing.web.Problems.problem;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/**
 * The saved-search endpoints' answers to bad input, other people's ids and missing tokens: the real
 * {@link SavedSearchService}, the store mocked.
 */
@WebSliceTest(SavedSearchController.class)
@Import(SavedSearchService.class)
class SavedSearchControllerTests {

    static final String ALICE = TestTokens.bearer("user_alice", "Alice");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SavedSearches searches;

    @Test
    void withoutATokenSavedSearchesAre401() throws Exception {
        mvc.perform(get("/api/saved-searches"))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
        verifyNoInteractions(searches);
    }

    @Test
    void anUnknownCategoryAndAPriceWithThreeDecimalsAre400NamingBothFields() throws Exception {
        mvc.perform(asAlice(post("/api/saved-searches")).content("{\"category\":\"spaceships\",\"maxPrice\":10.005}"))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("category", "maxPrice")));
        verifyNoInteractions(searches);
    }

    @Test
    void aPriceThatIsNotANumberIs400NamingIt() throws Exception {
        mvc.perform(asAlice(post("/api/saved-searches")).content("{\"maxPrice\":\"cheap\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("maxPrice"));
    }

    @Test
    void anEmptySearchIs400AndOneTooMany409() throws Exception {
        given(searches.count("user_alice")).willReturn(SavedSearchService.PER_USER);

        mvc.perform(asAlice(post("/api/saved-searches")).content("{\"q\":\"?!\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(searches);
        mvc.perform(asAlice(post("/api/saved-searches")).content("{\"q\":\"lamp\"}"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value(ProblemTypes.CONFLICT.toString()));
    }

    @Test
    void deletingSomeoneElsesOrAMalformedIdIs404() throws Exception {
        UUID bobs = UUID.randomUUID();
        given(searches.delete("user_alice", bobs)).willReturn(false);

        for (String id : new String[] {bobs.toString(), "not-a-uuid"}) {
            mvc.perform(asAlice(delete("/api/saved-searches/" + id)))
                .andExpect(status().isNotFound())
                .andExpect(problem(ProblemTypes.NOT_FOUND));
        }
    }

    private static MockHttpServletRequestBuilder asAlice(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, ALICE).contentType(MediaType.APPLICATION_JSON);
    }
}
