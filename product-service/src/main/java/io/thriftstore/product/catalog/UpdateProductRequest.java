package io.thriftstore.product.catalog;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code PATCH /api/products/{id}} with merge semantics: an absent (or null) field stays as it is.
 * {@code status} may only be set by the owner to ACTIVE (relist an archived item; it becomes SOLD_OUT
 * if it has no stock) or ARCHIVED; SOLD_OUT follows the stock. {@code imageUrls}, when given, replaces
 * the list (to remove or reorder images).
 */
record UpdateProductRequest(
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 120) String name,
        @Size(max = 5000) String description,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal price,
        @PlatformCurrency String currency,
        Category category,
        Condition condition,
        @Min(0) @Max(10_000) Integer quantity,
        @Pattern(regexp = "ACTIVE|ARCHIVED", message = "must be ACTIVE (to relist) or ARCHIVED; SOLD_OUT follows the stock")
        String status,
        @Size(max = 8) List<@NotNull @ImageUrl String> imageUrls) {
}
