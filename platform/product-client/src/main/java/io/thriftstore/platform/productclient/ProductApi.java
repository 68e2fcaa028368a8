package io.thriftstore.platform.productclient;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The three product-service calls, as a Spring HTTP interface (a proxy over RestClient). A 4xx or 5xx answer is a
 * {@code RestClientResponseException}, no answer a {@code ResourceAccessException}: {@link ProductClient}
 * decides what each means.
 */
@HttpExchange(url = "/api", accept = "application/json")
interface ProductApi {

    String SERVICE_KEY_HEADER = "Thriftstore-Service-Key";

    /** product-service answers at most this many ids per bulk request (DESIGN section 5). */
    int BULK_LIMIT = 100;

    record BulkRequest(List<String> ids) {
    }

    record HoldRequest(String buyerId, List<HoldLine> items) {
    }

    @GetExchange("/products/{id}")
    CatalogProduct product(@PathVariable String id);

    /** The known products among at most {@link #BULK_LIMIT} ids, in the order asked; unknown ids are left out. */
    @PostExchange(url = "/products/bulk", contentType = "application/json")
    List<CatalogProduct> bulk(@RequestBody BulkRequest request);

    /** Idempotent by order id: the same order id and items answer the same hold. No key: the header is left out. */
    @PutExchange(url = "/holds/{orderId}", contentType = "application/json",
        accept = {"application/json", "application/problem+json"})
    StockHold hold(@PathVariable String orderId,
                   @RequestHeader(name = SERVICE_KEY_HEADER, required = false) String serviceKey,
                   @RequestBody HoldRequest request);
}
