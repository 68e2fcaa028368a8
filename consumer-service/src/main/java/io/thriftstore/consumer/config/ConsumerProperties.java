package io.thriftstore.consumer.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * consumer-service settings ({@code thriftstore.consumer.*}).
 *
 * @param chatQuietPeriod at most one NEW_MESSAGE notification per conversation and recipient within it
 * @param topProducts how many products the seller insights list
 */
@ConfigurationProperties("thriftstore.consumer")
public record ConsumerProperties(@DefaultValue("5m") Duration chatQuietPeriod, @DefaultValue("5") int topProducts) {
}
