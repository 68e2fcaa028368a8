package io.thriftstore.product.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

/**
 * order-service's stock hold. Not for shoppers: the caller proves it is order-service with the shared service key
 * ({@code Thriftstore-Service-Key}); a bearer token, anyone's, holds nothing (docs/DECISIONS.md).
 */
@RestController
@Tag(name = "Stock holds", description = "For order-service only: hold the stock of an order before it commits")
class HoldController {

    static final String SERVICE_KEY_HEADER = "Thriftstore-Service-Key";

    private final StockHolds holds;
    private final byte[] serviceKey;

    HoldController(StockHolds holds, HoldProperties properties) {
        this.holds = holds;
        this.serviceKey = properties.serviceKey() == null || properties.serviceKey().isBlank()
            ? null : properties.serviceKey().getBytes(StandardCharsets.UTF_8);
    }

    @PutMapping("/api/holds/{orderId}")
    @Operation(summary = "Hold the stock of a whole order, or none of it (order-service only)",
        description = "Idempotent by order id: a repeat is the same hold with the same answer. 200 with the names, "
            + "prices, seller and currency to store; 409 `sold-out` naming the short items; 404, 409, 403, 400 for "
            + "unknown, archived, own or several sellers' products (`reason` says which). The hold expires unless "
            + "the order appears on order-events in time.")
    ResponseEntity<HoldResponse> hold(@PathVariable UUID orderId, @Valid @RequestBody HoldRequest request,
                                      @RequestHeader(name = SERVICE_KEY_HEADER, required = false) String key) {
        if (serviceKey == null || key == null
                || !MessageDigest.isEqual(serviceKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new HoldRefused(HoldRefused.Reason.SERVICE_ONLY,
                "Only order-service may hold stock: place an order with POST /api/orders.", List.of());
        }
        return ResponseEntity.ok(holds.hold(orderId.toString(), request));
    }
}
