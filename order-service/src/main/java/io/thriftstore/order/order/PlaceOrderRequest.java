package io.thriftstore.order.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/orders}: only product ids and quantities; names, prices and the seller come from the catalog. */
record PlaceOrderRequest(@NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Item> items) {

    record Item(@NotBlank @Size(max = 100) String productId, @NotNull @Min(1) @Max(100) Integer quantity) {
    }
}
