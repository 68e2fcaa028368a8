package io.thriftstore.wishlist.wishlist;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.platform.web.ServiceUnavailableException;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/** The wishlist endpoints' answers to bad input, unknown items and missing tokens, with the wishlist mocked. */
@WebSliceTest(WishlistController.class)
class WishlistControllerTests {

    static final String ALICE = TestTokens.bearer("user_alice", "Alice");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Wishlists wishlists;

    @Test
    void withoutATokenTheWishlistIs401() throws Exception {
        mvc.perform(get("/api/wishlist"))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
        verifyNoInteractions(wishlists);
    }

    @Test
    void aProductIdFilterThatCannotBeAProductIdIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/wishlist").param("productId", "lamp\u0000").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("productId"));
        verifyNoInteractions(wishlists);
    }

    @Test
    void anItemNotOnTheWishlistIs404() throws Exception {
        given(wishlists.item("user_alice", "p-1")).willThrow(new NotFoundException("Not on your wishlist."));

        mvc.perform(get("/api/wishlist/items/p-1").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isNotFound())
            .andExpect(problem(ProblemTypes.NOT_FOUND));
    }

    @Test
    void addingIs201WithWhereTheItemLivesThen200() throws Exception {
        WishlistItemResponse lamp = new WishlistItemResponse("p-1", "Lamp", new BigDecimal("12.00"), "USD", "user_bob",
            Instant.parse("2026-01-01T00:00:00Z"), true);
        given(wishlists.add("user_alice", "p-1")).willReturn(new Wishlists.Added(lamp, true), new Wishlists.Added(lamp, false));

        mvc.perform(put("/api/wishlist/items/p-1").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.LOCATION, "http://localhost/api/wishlist/items/p-1"))
            .andExpect(jsonPath("$.productId").value("p-1"));
        mvc.perform(put("/api/wishlist/items/p-1").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isOk());
    }

    @Test
    void addingAnUnknownProductIs404AFullWishlist409AndAnUnreachableCatalog503() throws Exception {
        given(wishlists.add("user_alice", "gone")).willThrow(new NotFoundException("No product gone."));
        given(wishlists.add("user_alice", "one-too-many")).willThrow(new ConflictException("At most 100 items."));
        given(wishlists.add("user_alice", "p-2")).willThrow(new ServiceUnavailableException("Try again in a moment."));

        mvc.perform(put("/api/wishlist/items/gone").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(ProblemTypes.NOT_FOUND.toString()));
        mvc.perform(put("/api/wishlist/items/one-too-many").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value(ProblemTypes.CONFLICT.toString()));
        mvc.perform(put("/api/wishlist/items/p-2").header(HttpHeaders.AUTHORIZATION, ALICE))
            .andExpect(status().isServiceUnavailable())
            .andExpect(problem(ProblemTypes.SERVICE_UNAVAILABLE));
    }

    @Test
    void aForgedTokenIs401AndChangesNothing() throws Exception {
        mvc.perform(delete("/api/wishlist/items/p-1")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.forUser("user_alice", "Alice").signedByAnotherKey().bearer()))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value(ProblemTypes.UNAUTHORIZED.toString()));
        verifyNoInteractions(wishlists);
    }
}
