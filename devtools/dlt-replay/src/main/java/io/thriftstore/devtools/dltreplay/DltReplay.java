package io.thriftstore.devtools.dltreplay;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.thriftstore.platform.events.Topics;

/**
 * Replays dead letters: reads {@code <topic>.DLT} and republishes each record to {@code <topic>}
 * with its key, value and headers (minus the {@code kafka_dlt-*} headers the DLT added), on the
 * partition it originally came from. Run it once the cause is fixed.
 *
 * <p>Plain kafka-clients and no Spring context, so the command starts in seconds. Its
 * consumer group ({@code thriftstore-dlt-replay-<topic>}) commits after the records are stored
 * in the topic, so a second run does not replay them again. It stops at the end of the DLT as it
 * was when the run started: a replayed record that fails again lands in the DLT for a later run
 * instead of looping.
 *
 * <pre>
 * java -cp ... io.thriftstore.devtools.dltreplay.DltReplay --bootstrap-servers localhost:9092 --topic order-events [--max N] [--dry-run]
 * </pre>
 */
public final class DltReplay {

    /** Headers the dead-letter recoverer adds (Spring Kafka's {@code KafkaHeaders.DLT_*}). */
    static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    static final String ORIGINAL_PARTITION_HEADER = DLT_HEADER_PREFIX + "original-partition";
    static final String GROUP_PREFIX = "thriftstore-dlt-replay-";

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration NO_PROGRESS_LIMIT = Duration.ofSeconds(30);

    private DltReplay() {
    }

    /**
     * What to replay.
     *
     * @param topic the source topic, with its prefix if any ({@code order-events}); a name ending in
     *        {@code .DLT} is taken as that DLT's source
     * @param max at most this many records (per run)
     * @param dryRun list what would be replayed; publish and commit nothing
     */
    public record Options(String bootstrapServers, String topic, long max, boolean dryRun) {

        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            if (topic.endsWith(Topics.DLT_SUFFIX)) {
                topic = topic.substring(0, topic.length() - Topics.DLT_SUFFIX.length());
            }
            if (topic.isBlank()) {
                throw new IllegalArgumentException("topic must not be empty");
            }
            if (max < 1) {
                throw new IllegalArgumentException("max must be at least 1");
            }
        }

        public Options(String bootstrapServers, String topic) {
            this(bootstrapServers, topic, Long.MAX_VALUE, false);
        }

        public String deadLetterTopic() {
            return Topics.deadLetterTopicOf(topic);
        }

        static Options parse(String[] args) {
            String bootstrapServers = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
            String topic = null;
            long max = Long.MAX_VALUE;
            boolean dryRun = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap-servers" -> bootstrapServers = value(args, ++i);
                    case "--topic" -> topic = value(args, ++i);
                    case "--max" -> max = Long.parseLong(value(args, ++i));
                    case "--dry-run" -> dryRun = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (topic == null) {
                throw new IllegalArgumentException("--topic is required");
            }
            return new Options(bootstrapServers, topic, max, dryRun);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    public static void main(String[] args) {
        // Only when run as a command: Boot's logback default would log every client at DEBUG.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/thriftstore/devtools/dltreplay/dlt-replay-logback.xml");
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: DltReplay [--bootstrap-servers host:port] --topic <topic> [--max N] [--dry-run]");
            System.exit(2);
            return;
        }
        try {
            replay(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("replay failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    /** Replays and reports to standard output; returns how many records were (or, dry, would be) replayed. */
    public static long replay(Options options) {
        return replay(options, System.out);
    }

    public static long replay(Options options, PrintStream out) {
        String source = options.topic();
        String dlt = options.deadLetterTopic();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(options));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(options))) {
            List<TopicPartition> partitions = partitionsOf(consumer, dlt);
            int sourcePartitions = partitionsOf(consumer, source).size();
            consumer.assign(partitions);
            // The end as of now: records dead-lettered while we replay (ours, failing again) wait for the next run.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);

            long replayed = 0;
            Instant lastProgress = Instant.now();
            while (replayed < options.max() && !reachedEnd(consumer, end)) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (replayed >= options.max() || record.offset() >= end.get(partition)) {
                        continue; // not committed: the next run starts here
                    }
                    Integer target = originalPartition(record, sourcePartitions);
                    out.printf("%s %s-%d@%d key=%s -> %s%s%n", options.dryRun() ? "would replay" : "replaying",
                            dlt, record.partition(), record.offset(), text(record.key()), source,
                            target == null ? "" : "-" + target);
                    if (!options.dryRun()) {
                        sends.add(producer.send(new ProducerRecord<>(source, target, record.key(), record.value(),
                                withoutDltHeaders(record))));
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    replayed++;
                }
                if (!done.isEmpty()) {
                    lastProgress = Instant.now();
                    if (!options.dryRun()) {
                        awaitAll(sends);
                        consumer.commitSync(done);
                    }
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(NO_PROGRESS_LIMIT) > 0) {
                    throw new IllegalStateException("no progress reading " + dlt + " for " + NO_PROGRESS_LIMIT);
                }
            }
            out.printf("%s %d record(s) from %s to %s%n", options.dryRun() ? "Would replay" : "Replayed",
                    replayed, dlt, source);
            return replayed;
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("no such topic: " + topic);
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The partition the record failed on, when the source still has it; else the key decides. */
    private static Integer originalPartition(ConsumerRecord<?, ?> record, int sourcePartitions) {
        Header header = record.headers().lastHeader(ORIGINAL_PARTITION_HEADER);
        int partition = header != null && header.value().length == Integer.BYTES
                ? ByteBuffer.wrap(header.value()).getInt()
                : record.partition();
        return partition >= 0 && partition < sourcePartitions ? partition : null;
    }

    private static RecordHeaders withoutDltHeaders(ConsumerRecord<?, ?> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while republishing", e);
        } catch (ExecutionException e) {
            // Nothing of this batch is committed, so the next run retries it (duplicates are deduplicated by id).
            throw new IllegalStateException("republishing failed: " + e.getCause(), e.getCause());
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Properties consumerConfig(Options options) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + options.topic());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP_PREFIX + options.topic());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Properties producerConfig(Options options) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, GROUP_PREFIX + options.topic());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
