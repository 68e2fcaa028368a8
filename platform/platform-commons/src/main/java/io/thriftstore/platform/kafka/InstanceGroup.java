package io.thriftstore.platform.kafka;

import java.util.UUID;

import io.thriftstore.platform.events.Topics;

/**
 * A consumer group of this instance alone, for listeners where every instance must see every record (live
 * pushes to the sockets an instance holds, invalidating an instance's cache). A fresh id per start, topic
 * prefix applied, so groups of stopped instances are simply abandoned and Kafka expires their offsets.
 * Declare it as a bean and name it in the listener: {@code groupId = "#{@pushGroup.id()}"}.
 *
 * <pre>{@code
 * @Bean
 * InstanceGroup pushGroup(Topics topics, @Value("${spring.application.name}") String application) {
 *     return InstanceGroup.of(topics, application, "push");
 * }
 * }</pre>
 */
public record InstanceGroup(String id) {

    public static InstanceGroup of(Topics topics, String application, String purpose) {
        return new InstanceGroup(topics.name(application + "-" + purpose + "-" + UUID.randomUUID()));
    }
}
