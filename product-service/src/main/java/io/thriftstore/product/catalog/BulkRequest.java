package io.thriftstore.product.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /api/products/bulk}: up to 100 product ids. */
record BulkRequest(@NotNull @Size(max = 100) List<@NotNull String> ids) {
}
