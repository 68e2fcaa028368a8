package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/saved-searches}: at least one of the three (checked in {@link SavedSearchService}, where a
 * {@code q} of punctuation alone counts as no words). The owner comes from the token.
 */
record SaveSearchRequest(
        @Size(max = 200) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters") String q,
        @Pattern(regexp = Categories.PATTERN, message = "must be one of " + Categories.LIST) String category,
        @DecimalMin("0.01") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal maxPrice) {
}
