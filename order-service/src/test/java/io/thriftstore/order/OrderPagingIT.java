package io.thriftstore.order;

import io.thriftstore.testing.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The edges of the paged list (DESIGN section 5): past the end is an empty page, past the limit a 400, never a 500. */
class OrderPagingIT extends OrderServiceIntegrationTest {

    @Test
    void aPageFarPastTheEndIsEmptyAndAPagePastTheLimitIsABadRequest() {
        String buyer = user("buyer");

        Api.Response farPastTheEnd = api.get("/api/orders?page=100000&size=100", bearer(buyer));
        assertThat(farPastTheEnd.status()).isEqualTo(200);
        assertThat(farPastTheEnd.json().path("content")).isEmpty();

        // page * size used to overflow an int offset: 500
        Api.Response overflowing = api.get("/api/orders?page=2147483647&size=100", bearer(buyer));
        assertThat(overflowing.status()).isEqualTo(400);
        assertThat(overflowing.json().path("errors").get(0).path("field").asString()).isEqualTo("page");
        assertThat(api.get("/api/orders?role=seller&page=100001&size=2147483647", bearer(buyer)).status()).isEqualTo(400);
        assertThat(api.get("/api/orders?page=0&size=2147483647", bearer(buyer)).status()).isEqualTo(200);
    }
}
