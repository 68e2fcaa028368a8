package io.thriftstore.order.order;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.thriftstore.order.catalog.SoldOutException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/** The order endpoints' answers to bad input, unknown orders, sold-out items and missing tokens; the service mocked. */
@WebSliceTest(OrderController.class)
class OrderControllerTests {

    static final String ALICE = TestTokens.bearer("user_alice", "Alice");
    static final String ONE_LAMP = "{\"items\":[{\"productId\":\"p-1\",\"quantity\":1}]}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderService service;

    @Test
    void withoutATokenPlacingIs401() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ONE_LAMP))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
        verifyNoInteractions(service);
    }

    @Test
    void anOrderWithoutItemsOrWithAZeroQuantityIs400NamingTheField() throws Exception {
        mvc.perform(asAlice(post("/api/orders")).content("{\"items\":[]}"))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[0].field").value("items"));
        mvc.perform(asAlice(post("/api/orders")).content("{\"items\":[{\"productId\":\"p-1\",\"quantity\":0}]}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
        verifyNoInteractions(service);
    }

    @Test
    void aBlankIdempotencyKeyIs400NamingTheHeader() throws Exception {
        mvc.perform(asAlice(post("/api/orders")).header("Idempotency-Key", " ").content(ONE_LAMP))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        verifyNoInteractions(service);
    }

    @Test
    void anItemOutOfStockIs409SoldOutNamingIt() throws Exception {
        SoldOutException soldOut = mock(SoldOutException.class);
        given(soldOut.getMessage()).willReturn("Not enough stock.");
        given(soldOut.items()).willReturn(List.of(new SoldOutException.Item("p-1", "Lamp", 1, 0)));
        given(service.place(any(), any(), eq(null))).willThrow(soldOut);

        mvc.perform(asAlice(post("/api/orders")).content(ONE_LAMP))
            .andExpect(status().isConflict())
            .andExpect(problem(ProblemTypes.SOLD_OUT))
            .andExpect(jsonPath("$.items[0].productId").value("p-1"))
            .andExpect(jsonPath("$.items[0].available").value(0));
    }

    @Test
    void listingWithAnUnknownRoleOrStatusIs400NamingTheParameter() throws Exception {
        mvc.perform(asAlice(get("/api/orders")).param("role", "admin"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(asAlice(get("/api/orders")).param("status", "LOST"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(asAlice(get("/api/orders")).param("page", "-1"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        verifyNoInteractions(service);
    }

    @Test
    void anOrderThatIsNotTheCallersIs404() throws Exception {
        given(service.get(eq("o-of-bob"), any())).willThrow(new NotFoundException("No order o-of-bob."));

        mvc.perform(asAlice(get("/api/orders/o-of-bob")))
            .andExpect(status().isNotFound())
            .andExpect(problem(ProblemTypes.NOT_FOUND));
    }

    @Test
    void anUnknownStatusOrAReviewOfSixStarsIs400() throws Exception {
        mvc.perform(asAlice(patch("/api/orders/o-1")).content("{\"status\":\"TELEPORTED\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(asAlice(post("/api/orders/o-1/review")).content("{\"rating\":6}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION.toString()))
            .andExpect(jsonPath("$.errors[0].field").value("rating"));
        verifyNoInteractions(service);
    }

    private static MockHttpServletRequestBuilder asAlice(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, ALICE).contentType(MediaType.APPLICATION_JSON);
    }
}
