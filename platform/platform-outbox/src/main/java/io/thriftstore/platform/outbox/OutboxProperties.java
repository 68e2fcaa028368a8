package io.thriftstore.platform.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox relay ({@code thriftstore.outbox.*}).
 *
 * @param pollInterval how often the relay looks for pending events when the last round found none
 * @param batchSize pending rows read per round
 * @param sendTimeout how long Kafka may take to acknowledge a record before the round counts it as failed
 *                    (the producer's {@code delivery.timeout.ms})
 * @param publishedRetention how long published rows are kept (for inspection) before deletion
 * @param consumedRetention how long consumed-event records are kept; redeliveries older than this are
 *                          no longer recognised, so keep it well above Kafka's retention
 * @param cleanupInterval how often expired rows are deleted
 * @param leaseTtl MongoDB only: how long the relay lease lasts without renewal. After an instance dies, another
 *                 (or its own restarted process, a new holder) takes the relay over at most this long later; a
 *                 wave of sends must fit in it ({@code sendTimeout} well below it)
 */
@Validated
@ConfigurationProperties("thriftstore.outbox")
record OutboxProperties(
        @DefaultValue Relay relay,
        @DefaultValue("150ms") Duration pollInterval,
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue Backoff backoff,
        @DefaultValue("24h") Duration publishedRetention,
        @DefaultValue("30d") Duration consumedRetention,
        @DefaultValue("5m") Duration cleanupInterval,
        @DefaultValue("10s") Duration leaseTtl) {

    /** @param enabled whether this instance runs a relay (writing events works either way) */
    record Relay(@DefaultValue("true") boolean enabled) {
    }

    /** Delay between rounds while Kafka refuses every record: exponential, capped. */
    record Backoff(
            @DefaultValue("500ms") Duration initial,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration max) {
    }
}
