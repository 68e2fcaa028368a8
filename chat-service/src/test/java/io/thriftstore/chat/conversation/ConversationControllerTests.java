package io.thriftstore.chat.conversation;

import static io.thriftstore.testing.web.Problems.problem;
import static org.hamcrest.Matchers.containsInAnyOrder;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.thriftstore.platform.chat.ConversationId;
import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/**
 * The conversation endpoints' answers to bad input, outsiders and missing tokens: the real
 * {@link ConversationService}, the store of conversations and the sender mocked.
 */
@WebSliceTest(ConversationController.class)
@Import(ConversationService.class)
class ConversationControllerTests {

    static final String ALICE = TestTokens.bearer("user_alice", "Alice");
    static final String WITH_BOB = ConversationId.between("user_alice", "user_bob").toString();

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Conversations conversations;

    @MockitoBean
    MessageSender sender;

    @Test
    void withoutATokenTheInboxIs401() throws Exception {
        mvc.perform(get("/api/conversations"))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
    }

    @Test
    void startingWithoutAParticipantOrWithYourselfIs400NamingTheField() throws Exception {
        mvc.perform(asAlice(post("/api/conversations")).content("{\"productId\":\"p-1\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[0].field").value("participantId"));
        mvc.perform(asAlice(post("/api/conversations")).content("{\"participantId\":\"user_alice\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("participantId"));
        mvc.perform(asAlice(post("/api/conversations")).content("{\"participantId\":\"a:b\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("participantId"));
        verifyNoInteractions(conversations);
    }

    @Test
    void aBodyThatIsNotJsonIs400Malformed() throws Exception {
        mvc.perform(asAlice(post("/api/conversations")).content("{\"participantId\":"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.MALFORMED_REQUEST.toString()));
    }

    @Test
    void someoneElsesAMalformedAndAnUnknownConversationAreAll404() throws Exception {
        String others = ConversationId.between("user_bob", "user_carol").toString();
        for (String id : new String[] {others, "not-a-conversation", WITH_BOB}) {
            mvc.perform(asAlice(get("/api/conversations/" + id)))
                .andExpect(status().isNotFound())
                .andExpect(problem(ProblemTypes.NOT_FOUND));
        }
        mvc.perform(asAlice(post("/api/conversations/" + others + "/messages"))
                .content("{\"text\":\"hi\",\"clientMessageId\":\"c-1\"}"))
            .andExpect(status().isNotFound());
        verifyNoInteractions(sender);
    }

    @Test
    void aMessageWithoutTextOrClientMessageIdIs400NamingTheFields() throws Exception {
        mvc.perform(asAlice(post("/api/conversations/" + WITH_BOB + "/messages")).content("{}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION.toString()))
            .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("clientMessageId", "text")));
        verifyNoInteractions(sender);
    }

    @Test
    void pagingOutsideItsRangeIs400NamingTheParameter() throws Exception {
        mvc.perform(asAlice(get("/api/conversations")).param("page", "-1"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(asAlice(get("/api/conversations/" + WITH_BOB + "/messages")).param("limit", "0"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(asAlice(get("/api/conversations/" + WITH_BOB + "/messages")).param("before", "soon"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.TYPE_MISMATCH.toString()))
            .andExpect(jsonPath("$.errors[0].field").value("before"));
    }

    @Test
    void markingReadBelowZeroIs400() throws Exception {
        mvc.perform(asAlice(post("/api/conversations/" + WITH_BOB + "/read")).content("{\"upTo\":-1}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("upTo"));
    }

    private static MockHttpServletRequestBuilder asAlice(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, ALICE).contentType(MediaType.APPLICATION_JSON);
    }
}
