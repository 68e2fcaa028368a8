package io.thriftstore.product.inventory;

import static io.thriftstore.testing.web.Problems.problem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.thriftstore.platform.kafka.InstanceGroup;
import io.thriftstore.platform.web.ProblemTypes;
import io.thriftstore.testing.TestTokens;
import io.thriftstore.testing.web.WebSliceTest;

/**
 * The hold endpoint takes order-service's service key, never a shopper's token, and answers bad input with a 400
 * naming the field; the holds are mocked. InventoryConfiguration brings the real public-endpoint rule; its MongoDB
 * index is mocked.
 */
@WebSliceTest(value = HoldController.class, properties = "thriftstore.product.hold.service-key=" + HoldControllerTests.KEY)
@Import(InventoryConfiguration.class)
class HoldControllerTests {

    static final String KEY = "order-service-key";
    static final String A_HOLD = "{\"buyerId\":\"user_buyer\",\"items\":[{\"productId\":\"p-1\",\"quantity\":1}]}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StockHolds holds;

    @MockitoBean(name = "holdExpiryIndex")
    InitializingBean holdExpiryIndex;

    /** CatalogConfiguration is a WebMvcConfigurer, so every slice of this service has it; this bean needs Kafka's topics. */
    @MockitoBean(name = "catalogCacheGroup")
    InstanceGroup catalogCacheGroup;

    @Test
    void aShoppersTokenOrAWrongKeyHoldsNothing() throws Exception {
        mvc.perform(put("/api/holds/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON).content(A_HOLD)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("user_buyer", "Buyer")))
            .andExpect(status().isForbidden())
            .andExpect(problem(ProblemTypes.FORBIDDEN))
            .andExpect(jsonPath("$.reason").value("SERVICE_ONLY"));
        mvc.perform(put("/api/holds/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON).content(A_HOLD)
                .header("Thriftstore-Service-Key", "guessed"))
            .andExpect(status().isForbidden());
        verifyNoInteractions(holds);
    }

    @Test
    void anOrderIdThatIsNotAUuidOrAHoldWithoutItemsIs400NamingTheField() throws Exception {
        mvc.perform(put("/api/holds/order-1").contentType(MediaType.APPLICATION_JSON).content(A_HOLD)
                .header("Thriftstore-Service-Key", KEY))
            .andExpect(status().isBadRequest())
            .andExpect(problem(ProblemTypes.TYPE_MISMATCH))
            .andExpect(jsonPath("$.errors[0].field").value("orderId"));
        mvc.perform(put("/api/holds/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"buyerId\":\"user_buyer\",\"items\":[]}").header("Thriftstore-Service-Key", KEY))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION.toString()))
            .andExpect(jsonPath("$.errors[0].field").value("items"));
        verifyNoInteractions(holds);
    }
}
