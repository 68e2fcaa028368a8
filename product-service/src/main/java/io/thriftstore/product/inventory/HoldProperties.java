package io.thriftstore.product.inventory;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code thriftstore.product.hold.*}: order-service's stock holds.
 *
 * @param timeout       how long a hold waits for its order to appear on order-events (order.created) before its
 *                      stock goes back; DESIGN's pending timeout, 2 minutes by default
 * @param checkInterval how often expired holds are looked for: a hold is released at most this long after it expired
 * @param serviceKey    the shared secret order-service sends in {@code Thriftstore-Service-Key}; without one, every
 *                      hold is refused (docs/DECISIONS.md, "Who may hold stock")
 */
@ConfigurationProperties("thriftstore.product.hold")
@Validated
record HoldProperties(@DefaultValue("2m") @NotNull Duration timeout,
                      @DefaultValue("5s") @NotNull Duration checkInterval,
                      String serviceKey) {
}
