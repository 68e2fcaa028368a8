package io.thriftstore.perf.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the time between placing an order and the seller's notification goes, hop by hop, read back from the
 * platform's own topics after a run. Each event carries two clocks: the envelope's {@code time} (when the
 * service decided, in its transaction) and the record's timestamp (when its relay handed it to the producer).
 * Following one order through order.created, inventory.reserved, order.confirmed and the seller's
 * notification.created splits the path into the services' work and their relays' delays.
 *
 * <pre>hops [--bootstrap localhost:9092] [--since-seconds 600]</pre>
 * Prints one line per hop with p50/p95/p99/max in ms over the orders that went the whole way.
 */
final class OrderHops {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private OrderHops() {
    }

    /** One event as read back: its envelope and both clocks. */
    private record Seen(JsonNode envelope, long decidedAt, long sentAt) {
        JsonNode data() {
            return envelope.path("data");
        }
    }

    public static void main(String[] args) {
        Args a = new Args(args);
        String bootstrap = a.get("--bootstrap", "localhost:9092");
        long since = System.currentTimeMillis() - a.getInt("--since-seconds", 600) * 1000L;

        Map<String, Seen> created = new HashMap<>();
        Map<String, Seen> reserved = new HashMap<>();
        Map<String, Seen> confirmed = new HashMap<>();
        Map<String, Seen> sellerNotice = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(bootstrap, since,
                List.of("order-events", "product-events", "notification-events"))) {
            JsonNode envelope = JSON.readTree(record.value());
            String type = envelope.path("type").asString();
            Seen seen = new Seen(envelope, Instant.parse(envelope.path("time").asString()).toEpochMilli(),
                    record.timestamp());
            switch (type) {
                case "order.created.v1" -> created.put(seen.data().path("id").asString(), seen);
                case "inventory.reserved.v1" -> reserved.putIfAbsent(seen.data().path("orderId").asString(), seen);
                case "order.confirmed.v1" -> confirmed.put(envelope.path("id").asString(), seen);
                case "notification.created.v1" -> {
                    if ("ORDER_RECEIVED".equals(seen.data().path("type").asString())) {
                        sellerNotice.put(seen.data().path("sourceEventId").asString(), seen);
                    }
                }
                default -> {
                }
            }
        }

        Map<String, Histogram> hops = new LinkedHashMap<>();
        for (String hop : List.of(
                "order-service relay (order.created: decided -> sent)",
                "product-service reserves (sent -> decided)",
                "product-service relay (inventory.reserved)",
                "order-service confirms (sent -> decided)",
                "order-service relay (order.confirmed)",
                "consumer-service decides (sent -> decided)",
                "consumer-service relay (notification.created)",
                "total: order.created decided -> notice sent")) {
            hops.put(hop, new Histogram(3_600_000L, 3));
        }
        int complete = 0;
        for (Seen confirm : confirmed.values()) {
            String orderId = confirm.data().path("id").asString();
            Seen create = created.get(orderId);
            Seen reserve = reserved.get(orderId);
            Seen notice = sellerNotice.get(confirm.envelope().path("id").asString());
            if (create == null || reserve == null || notice == null) {
                continue;
            }
            complete++;
            if (complete <= Integer.getInteger("show", 0)) {
                System.out.printf("order %s created %d/%d reserved(%s) %d/%d confirmed(%s) %d/%d notice %d/%d%n", orderId,
                        create.decidedAt(), create.sentAt(), reserve.envelope().path("id").asString(), reserve.decidedAt(),
                        reserve.sentAt(), confirm.envelope().path("id").asString(), confirm.decidedAt(), confirm.sentAt(),
                        notice.decidedAt(), notice.sentAt());
            }
            long[] deltas = {
                    create.sentAt() - create.decidedAt(),
                    reserve.decidedAt() - create.sentAt(),
                    reserve.sentAt() - reserve.decidedAt(),
                    confirm.decidedAt() - reserve.sentAt(),
                    confirm.sentAt() - confirm.decidedAt(),
                    notice.decidedAt() - confirm.sentAt(),
                    notice.sentAt() - notice.decidedAt(),
                    notice.sentAt() - create.decidedAt()};
            int i = 0;
            for (Histogram histogram : hops.values()) {
                // Clocks of one machine; a hop can come out a millisecond negative from rounding.
                histogram.recordValue(Math.max(0, deltas[i++]));
            }
        }
        System.out.printf("orders followed the whole way: %d (created %d, confirmed %d, seller notices %d)%n",
                complete, created.size(), confirmed.size(), sellerNotice.size());
        hops.forEach((hop, h) -> System.out.printf("RESULT hop %-50s p50=%d p95=%d p99=%d max=%d%n", hop,
                h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue()));
    }

    /** Every record of the topics from {@code since} to their current end. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, long since, List<String> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "perf-hops-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = start.get(p);
                consumer.seek(p, at == null ? end.get(p) : at.offset());
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            }
        }
        return records;
    }
}
