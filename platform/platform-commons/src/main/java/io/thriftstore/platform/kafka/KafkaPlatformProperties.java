package io.thriftstore.platform.kafka;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code thriftstore.kafka.*}: topic naming, topic declaration and the consumer retry policy.
 *
 * @param topicPrefix prepended to every topic name; empty in production, unique per test context
 * @param partitions partitions of every declared topic and of its DLT (a DLT must have as many as its
 *        source, because a dead letter keeps its original partition number)
 * @param replicationFactor replicas of every declared topic
 * @param retry how often and how long a failing record is delivered to a listener again before it goes to the DLT
 */
@ConfigurationProperties("thriftstore.kafka")
@Validated
record KafkaPlatformProperties(
        @DefaultValue("") String topicPrefix,
        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue @Valid Retry retry) {

    /**
     * Blocking retries with exponential back-off: the partition waits, so the order of events
     * per key is kept (DESIGN: no {@code @RetryableTopic} on ordered streams). The first four
     * components apply to failures that are neither transient nor poison ({@link ListenerRetryPolicy}).
     *
     * @param attempts deliveries of a failing record in total, the first one included
     * @param transientFailures the back-off while a store or service the listener needs is unavailable
     */
    record Retry(
            @DefaultValue("3") @Min(1) int attempts,
            @DefaultValue("1s") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("10s") @NotNull Duration maxInterval,
            @DefaultValue @Valid TransientFailures transientFailures) {

        /**
         * Retries of a record whose listener failed because a database, MongoDB, Kafka or a downstream
         * service was unavailable: long enough to ride out a restart or a fail-over, then the DLT.
         *
         * @param maxElapsedTime the sum of the back-offs after which the record goes to the DLT (the time
         *        spent in the failing attempts themselves comes on top)
         */
        record TransientFailures(
                @DefaultValue("1s") @NotNull Duration initialInterval,
                @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
                @DefaultValue("30s") @NotNull Duration maxInterval,
                @DefaultValue("5m") @NotNull Duration maxElapsedTime) {
        }
    }
}
