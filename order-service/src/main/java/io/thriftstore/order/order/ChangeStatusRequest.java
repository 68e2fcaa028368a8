package io.thriftstore.order.order;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/orders/{id}}: the status asked for and, optionally, why. */
record ChangeStatusRequest(@NotNull OrderStatus status, @Size(max = 500) String reason) {
}
