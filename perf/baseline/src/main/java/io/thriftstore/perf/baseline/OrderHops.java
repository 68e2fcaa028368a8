package io.thriftstore.perf.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Since issue 15 the path is: POST /api/orders -> order-service holds the stock at product-service and commits
 * the order CONFIRMED with order.created and order.confirmed in its outbox (one transaction, one envelope time)
 * -> its relay -> order-events -> consumer-service's notification.created (ORDER_RECEIVED for the seller) -> its
 * relay -> notification-events -> notification-service -> the seller's STOMP frame. Two Kafka hops; inventory.*
 * events are no longer on it. The client's clocks (POST sent, frame received) come from the notify simulation's
 * {@code -Dclocks} file; without it the first and last hops are left out.
 *
 * <pre>hops [--bootstrap localhost:9092] [--since-seconds 600] [--client-clocks file]</pre>
 * Prints one line per hop with p50/p95/p99/max in ms over the orders that went the whole way.
 */
final class OrderHops {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The hops of the order -> seller path, in order; {@link #split} gives one delta per hop. */
    static final List<String> HOPS = List.of(
            "POST sent -> order committed (order-service: hold + transaction)",
            "order-service relay (order.confirmed: decided -> sent)",
            "Kafka hop 1 + consumer-service decides (notification.created)",
            "consumer-service relay (notification.created: decided -> sent)",
            "Kafka hop 2 + notification-service -> frame received",
            "total: POST sent -> frame received");

    private OrderHops() {
    }

    /** One event as read back: its envelope and both clocks. */
    private record Seen(JsonNode envelope, long decidedAt, long sentAt) {
        JsonNode data() {
            return envelope.path("data");
        }
    }

    /** One order's clocks along the path, epoch ms; the client's are -1 when unknown. */
    record Clocks(long postSent, long orderDecided, long orderSent, long noticeDecided, long noticeSent, long frameReceived) {

        boolean hasClient() {
            return postSent >= 0 && frameReceived >= 0;
        }

        /**
         * The delta of each hop of {@link #HOPS}; null where a clock is missing. Clocks of one machine: a hop can
         * come out a millisecond negative from rounding, recorded as 0.
         */
        Long[] split() {
            return new Long[] {
                    postSent < 0 ? null : Math.max(0, orderDecided - postSent),
                    Math.max(0, orderSent - orderDecided),
                    Math.max(0, noticeDecided - orderSent),
                    Math.max(0, noticeSent - noticeDecided),
                    frameReceived < 0 ? null : Math.max(0, frameReceived - noticeSent),
                    hasClient() ? Math.max(0, frameReceived - postSent) : null};
        }
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args);
        String bootstrap = a.get("--bootstrap", "localhost:9092");
        long since = System.currentTimeMillis() - a.getInt("--since-seconds", 600) * 1000L;
        // orderId -> {POST sent, frame received} (epoch ms, -1 for a frame that never came), as the client saw them.
        Map<String, long[]> client = new HashMap<>();
        String clocksFile = a.get("--client-clocks", "");
        if (!clocksFile.isBlank()) {
            for (String line : Files.readAllLines(Path.of(clocksFile))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    client.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        }

        Map<String, Seen> confirmed = new HashMap<>();
        Map<String, Seen> sellerNotice = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(bootstrap, since, List.of("order-events", "notification-events"))) {
            JsonNode envelope = JSON.readTree(record.value());
            String type = envelope.path("type").asString();
            Seen seen = new Seen(envelope, Instant.parse(envelope.path("time").asString()).toEpochMilli(),
                    record.timestamp());
            switch (type) {
                // order.created shares order.confirmed's transaction; the seller's notice is made from the latter.
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

        List<Histogram> hops = new ArrayList<>();
        HOPS.forEach(hop -> hops.add(new Histogram(3_600_000L, 3)));
        int complete = 0;
        int withClient = 0;
        for (Map.Entry<String, Seen> entry : confirmed.entrySet()) {
            Seen confirm = entry.getValue();
            Seen notice = sellerNotice.get(entry.getKey());
            String orderId = confirm.data().path("id").asString();
            long[] seenByClient = client.get(orderId);
            if (notice == null || (!client.isEmpty() && (seenByClient == null || seenByClient[1] < 0))) {
                continue; // with client clocks: only the measured orders whose frame came
            }
            Clocks clocks = new Clocks(seenByClient == null ? -1 : seenByClient[0], confirm.decidedAt(), confirm.sentAt(),
                    notice.decidedAt(), notice.sentAt(), seenByClient == null ? -1 : seenByClient[1]);
            complete++;
            if (clocks.hasClient()) {
                withClient++;
            }
            if (complete <= Integer.getInteger("show", 0)) {
                System.out.printf("order %s %s%n", orderId, clocks);
            }
            Long[] deltas = clocks.split();
            for (int i = 0; i < deltas.length; i++) {
                if (deltas[i] != null) {
                    hops.get(i).recordValue(deltas[i]);
                }
            }
        }
        System.out.printf("orders followed the whole way: %d, %d of them with the client's clocks (confirmed %d, seller"
                + " notices %d); two Kafka hops: order-events, notification-events%n", complete, withClient,
                confirmed.size(), sellerNotice.size());
        for (int i = 0; i < HOPS.size(); i++) {
            Histogram h = hops.get(i);
            if (h.getTotalCount() == 0) {
                System.out.printf("RESULT hop %-66s n/a (no client clocks)%n", HOPS.get(i));
            } else {
                System.out.printf("RESULT hop %-66s p50=%d p95=%d p99=%d max=%d%n", HOPS.get(i),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue());
            }
        }
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
