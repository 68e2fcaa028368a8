package io.thriftstore.order.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/orders/{id}/review}: 1 to 5 stars and, optionally, a few words. */
public record ReviewRequest(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 500) String comment) {

    /** The comment as stored: trimmed, and absent when blank. */
    public String trimmedComment() {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}
