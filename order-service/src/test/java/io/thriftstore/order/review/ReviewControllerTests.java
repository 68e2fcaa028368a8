package io.thriftstore.order.review;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.web.WebSliceTest;

/** A seller's rating and reviews are public; bad paging is a 400 naming the parameter. The store of reviews is mocked. */
@WebSliceTest(ReviewController.class)
@Import(ReviewService.class)
class ReviewControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SellerReviews reviews;

    @Test
    void anyoneMayReadASellersRatingWithoutSigningIn() throws Exception {
        given(reviews.rating("user_bob")).willReturn(new SellerRating("user_bob", new BigDecimal("4.5"), 2));

        mvc.perform(get("/api/sellers/user_bob/rating"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.count").value(2));
    }

    @Test
    void pagingOutsideItsRangeIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/sellers/user_bob/reviews").param("page", "-1"))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/sellers/user_bob/reviews").param("size", "lots"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.TYPE_MISMATCH.toString()))
            .andExpect(jsonPath("$.errors[0].field").value("size"));
    }
}
