package io.thriftstore.product.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code PUT /api/holds/{orderId}}: who buys (order-service took it from the buyer's token) and what. */
record HoldRequest(@NotBlank @Size(max = 255) String buyerId,
                   @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items) {

    record Item(@NotBlank @Size(max = 100) String productId, @NotNull @Min(1) @Max(10_000) Integer quantity) {
    }
}
