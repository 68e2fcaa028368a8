package io.thriftstore.product.catalog;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code POST /api/products}. The seller and the seller's name come from the token, never from here;
 * {@code currency} may be left out (it is the platform currency either way).
 */
record CreateProductRequest(
        @NotBlank @Size(max = 120) String name,
        @Size(max = 5000) String description,
        @NotNull @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal price,
        @PlatformCurrency String currency,
        @NotNull Category category,
        @NotNull Condition condition,
        @NotNull @Min(0) @Max(10_000) Integer quantity,
        @Size(max = 8) List<@NotNull @ImageUrl String> imageUrls) {
}
