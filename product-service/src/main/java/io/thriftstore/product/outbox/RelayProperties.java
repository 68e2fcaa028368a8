package io.thriftstore.product.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code thriftstore.product.relay.*}: how pending events reach Kafka.
 *
 * @param interval    the pause between two full relay passes: writes wake the relay at once, this pass is the
 *                    fallback (events of another instance, wakes lost to a crash) and the retry after an outage
 * @param leaseTtl    how long the relay lease lasts without renewal: after an instance dies, another (or its
 *                    own restarted process, which is a new holder) takes over the relay at most this long later.
 *                    Orders wait for their inventory answer meanwhile: 30 s added half a minute to every
 *                    order in flight when product-service was killed (SIGKILL drill, e2e/README.md)
 * @param sendTimeout how long one pass waits for Kafka's acknowledgements before it gives up and retries
 *                    the unacknowledged events in the next pass; kept below {@code leaseTtl} so a pass never
 *                    outlives its lease
 * @param batchSize   documents relayed per collection and pass
 */
@ConfigurationProperties("thriftstore.product.relay")
@Validated
public record RelayProperties(@DefaultValue("1s") @NotNull Duration interval,
                              @DefaultValue("10s") @NotNull Duration leaseTtl,
                              @DefaultValue("5s") @NotNull Duration sendTimeout,
                              @DefaultValue("100") @Min(1) @Max(1000) int batchSize) {
}
