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
 * @param retry how often a failing record is delivered to a listener before it goes to the DLT
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
     * per key is kept (DESIGN: no {@code @RetryableTopic} on ordered streams).
     *
     * @param attempts deliveries of a failing record in total, the first one included
     */
    record Retry(
            @DefaultValue("3") @Min(1) int attempts,
            @DefaultValue("1s") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("10s") @NotNull Duration maxInterval) {
    }
}
