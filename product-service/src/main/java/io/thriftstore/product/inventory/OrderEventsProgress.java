package io.thriftstore.product.inventory;

import io.thriftstore.platform.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far this service has read order-events: whether every record written before a moment has been handled. A hold
 * may be given back only then ({@link HoldExpiry}): order-service commits an order well before its hold expires and
 * relays order.created within about a second, so once everything written before the expiry is read, an order that
 * did commit has confirmed its hold. While Kafka is down or this service lags, holds are kept instead of given back
 * and sold a second time; what happens when order.created still comes later is {@link StockReservations#orderPlaced}.
 * <p>
 * Asked only when there are expired holds, through Kafka's admin API (the group's committed offsets against the
 * offsets of the first records written at or after the moment); any failure answers "not yet".
 */
@Component
class OrderEventsProgress implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsProgress.class);
    private static final long TIMEOUT_MS = 2_000;

    private final KafkaAdmin kafkaAdmin;
    private final String topic;
    private final String group;
    private Admin admin;

    OrderEventsProgress(KafkaAdmin kafkaAdmin, Topics topics, @Value("${spring.kafka.consumer.group-id}") String group) {
        this.kafkaAdmin = kafkaAdmin;
        this.topic = topics.name(Topics.ORDER_EVENTS);
        this.group = group;
    }

    /** Whether this service's group has handled every order-events record written before {@code moment}. */
    synchronized boolean readEverythingWrittenBefore(Instant moment) {
        try {
            Admin kafka = admin();
            List<TopicPartition> partitions = kafka.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> read = kafka.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> firstAtOrAfter = offsets(kafka, partitions, OffsetSpec.forTimestamp(moment.toEpochMilli()));
            Map<TopicPartition, Long> end = offsets(kafka, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(kafka, partitions, OffsetSpec.earliest());
            for (TopicPartition partition : partitions) {
                // No record at or after the moment: everything in the partition was written before it.
                long mustHaveRead = firstAtOrAfter.get(partition) >= 0 ? firstAtOrAfter.get(partition) : end.get(partition);
                OffsetAndMetadata committed = read.get(partition);
                long handled = committed != null ? committed.offset() : start.get(partition);
                if (handled < mustHaveRead) {
                    return false;
                }
            }
            return true;
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (Exception unreachable) {
            log.debug("Could not tell how far {} is read: {}", topic, unreachable.toString());
            return false;
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> asked = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        return kafka.listOffsets(asked).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
