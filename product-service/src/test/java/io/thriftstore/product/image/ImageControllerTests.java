package io.thriftstore.product.image;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.product.catalog.Catalog;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/**
 * Image upload and download: a file that is no image is a 400 naming it, an unknown image a public 404. The real
 * {@link ImageService} sits behind the controller; the catalog and the GridFS store are mocked.
 */
@WebSliceTest(ImageController.class)
@Import({ImageConfiguration.class, ImageService.class})
class ImageControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Catalog catalog;

    @MockitoBean
    ImageStore images;

    /** CatalogConfiguration is a WebMvcConfigurer, so every slice of this service has it; this bean needs Kafka's topics. */
    @MockitoBean(name = "catalogCacheGroup")
    InstanceGroup catalogCacheGroup;

    @Test
    void anUnknownImageIs404EvenWithoutAToken() throws Exception {
        mvc.perform(get("/api/images/0123456789abcdef01234567"))
            .andExpect(status().isNotFound())
            .andExpect(problem(ProblemTypes.NOT_FOUND));
    }

    @Test
    void uploadingWithoutATokenIs401() throws Exception {
        mvc.perform(multipart("/api/products/p-1/images").file(textFile()))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value(ProblemTypes.UNAUTHORIZED.toString()));
        verifyNoInteractions(catalog, images);
    }

    @Test
    void uploadingAFileThatIsNoImageIs400NamingTheFile() throws Exception {
        mvc.perform(multipart("/api/products/p-1/images").file(textFile())
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("user_seller", "Seller")))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("file"));
        verifyNoInteractions(images);
    }

    private static MockMultipartFile textFile() {
        return new MockMultipartFile("file", "notes.png", "image/png", "not a picture".getBytes(StandardCharsets.UTF_8));
    }
}
