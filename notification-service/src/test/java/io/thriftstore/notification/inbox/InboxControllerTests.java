package io.thriftstore.notification.inbox;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/**
 * The inbox endpoints' answers to bad paging, other people's ids and missing tokens: the real {@link InboxService},
 * the store of notifications mocked.
 */
@WebSliceTest(InboxController.class)
@Import(InboxService.class)
class InboxControllerTests {

    static final String ALICE = TestTokens.bearer("user_alice", "Alice");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Inbox inbox;

    @Test
    void withoutATokenTheInboxIs401() throws Exception {
        mvc.perform(get("/api/notifications"))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
        mvc.perform(post("/api/notifications/read-all")).andExpect(status().isUnauthorized());
        verifyNoInteractions(inbox);
    }

    @Test
    void pagingOutsideItsRangeOrOfTheWrongTypeIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/notifications").param("page", "-1").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/notifications").param("size", "0").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/notifications").param("unreadOnly", "perhaps").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.TYPE_MISMATCH.toString()))
            .andExpect(jsonPath("$.errors[0].field").value("unreadOnly"));
        verifyNoInteractions(inbox);
    }

    @Test
    void markingANotificationThatIsNotTheCallersIs404() throws Exception {
        given(inbox.markRead("user_alice", "n-of-bob")).willReturn(false);

        mvc.perform(post("/api/notifications/n-of-bob/read").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isNotFound())
            .andExpect(problem(ProblemTypes.NOT_FOUND));
    }

    @Test
    void markingTheCallersOwnNotificationIs204() throws Exception {
        given(inbox.markRead("user_alice", "n-1")).willReturn(true);

        mvc.perform(post("/api/notifications/n-1/read").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isNoContent());
    }
}
