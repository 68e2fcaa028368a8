package io.thriftstore.product.catalog;

import static io.thriftstore.testing.web.Problems.problem;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.web.NotFoundException;
import io.thriftstore.platform.web.PreconditionFailedException;
import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/**
 * The product endpoints' answers to bad input, unknown products, stale versions and missing tokens, with the
 * catalog mocked. CatalogConfiguration (a WebMvcConfigurer: the public endpoints and the lowercase category
 * spelling) is part of the slice; its cache-invalidation group needs Kafka's topic names, so it is mocked.
 */
@WebSliceTest(ProductController.class)
class ProductControllerTests {

    static final String SELLER = TestTokens.bearer("user_seller", "Seller");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Catalog catalog;

    @MockitoBean(name = "catalogCacheGroup")
    InstanceGroup catalogCacheGroup;

    @Test
    void searchingIsPublicButBadFiltersAre400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/products").param("q", "lamp\u0000"))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[0].field").value("q"));
        mvc.perform(get("/api/products").param("category", "spaceships"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("category"));
        mvc.perform(get("/api/products").param("minPrice", "-1"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("minPrice"));
        mvc.perform(get("/api/products").param("page", "-1"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        verifyNoInteractions(catalog);
    }

    @Test
    void anUnknownProductIs404() throws Exception {
        given(catalog.get("p-gone")).willThrow(new NotFoundException("No product p-gone."));

        mvc.perform(get("/api/products/p-gone"))
            .andExpect(status().isNotFound())
            .andExpect(problem(ProblemTypes.NOT_FOUND));
    }

    @Test
    void listingWithoutATokenIs401() throws Exception {
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content("{}"))
            .andExpect(status().isUnauthorized())
            .andExpect(problem(ProblemTypes.UNAUTHORIZED));
        verifyNoInteractions(catalog);
    }

    @Test
    void listingWithoutTheRequiredFieldsIs400NamingEach() throws Exception {
        mvc.perform(asSeller(post("/api/products")).content("{\"price\":0}"))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.VALIDATION))
            .andExpect(jsonPath("$.errors[*].field").value(hasItems("name", "price", "category", "condition", "quantity")));
        verifyNoInteractions(catalog);
    }

    @Test
    void anUnknownCategoryInTheBodyIs400NamingIt() throws Exception {
        mvc.perform(asSeller(post("/api/products")).content("""
                {"name":"Lamp","price":10,"category":"spaceships","condition":"good","quantity":1}"""))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("category"));
    }

    @Test
    void aChangeAgainstAStaleVersionIs412AndSomeoneElsesProduct404() throws Exception {
        given(catalog.update(eq("p-1"), any(), eq("\"3\""), any())).willThrow(new PreconditionFailedException("Changed meanwhile."));
        given(catalog.archive(eq("p-of-bob"), any(), any())).willThrow(new NotFoundException("No product p-of-bob."));

        mvc.perform(asSeller(patch("/api/products/p-1")).header(HttpHeaders.IF_MATCH, "\"3\"").content("{\"price\":9}"))
            .andExpect(status().isPreconditionFailed())
            .andExpect(problem(ProblemTypes.PRECONDITION_FAILED));
        mvc.perform(asSeller(delete("/api/products/p-of-bob")))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(ProblemTypes.NOT_FOUND.toString()));
    }

    private static MockHttpServletRequestBuilder asSeller(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, SELLER).contentType(MediaType.APPLICATION_JSON);
    }
}
