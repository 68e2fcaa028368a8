package io.thriftstore.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.thriftstore.platform.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic's records as a test sees them: everything on it right now, read from the start by a fresh consumer that
 * joins no group, so reading changes nothing for the services under test.
 */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Everything on {@code topic} right now, read from the start with a fresh consumer. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The CloudEvents id of a record written by the platform. */
    public static UUID eventId(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()).id();
    }

    /** The event ids of each key in the order of first arrival (a key lives in one partition). */
    public static Map<String, List<UUID>> firstArrivalsByKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<UUID>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            List<UUID> ids = byKey.computeIfAbsent(record.key(), key -> new ArrayList<>());
            UUID id = eventId(record);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return byKey;
    }
}
