package io.thriftstore.perf.baseline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka produce -> consume round trip on the platform's broker, at a fixed rate, with the producer settings
 * the services use (acks=all, idempotence on) and a chosen {@code linger.ms}. Each record carries its send
 * time; the consumer (a separate client, as a service's listener is) records now minus that.
 *
 * <pre>kafka [--bootstrap localhost:9092] [--rate 1000] [--warmup 5] [--duration 20] [--linger 0] [--size 1024]</pre>
 * Prints {@code RESULT kafka-roundtrip linger=... rate=... p50=... p95=... p99=... lost=...} (ms).
 */
final class KafkaRoundTrip {

    private KafkaRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        String bootstrap = a.get("--bootstrap", "localhost:9092");
        int rate = a.getInt("--rate", 1000);
        int warmupSeconds = a.getInt("--warmup", 5);
        int durationSeconds = a.getInt("--duration", 20);
        int linger = a.getInt("--linger", 0);
        int size = a.getInt("--size", 1024);
        // A fresh topic per run: nothing left over from an earlier run is consumed and counted.
        String topic = "perf-roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(30), 3);
        AtomicLong received = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer =
                         new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                // Assigned, not subscribed: no group rebalance delays the first records.
                consumer.assign(partitions);
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long sentNanos = ByteBuffer.wrap(record.value()).getLong();
                        boolean measured = ByteBuffer.wrap(record.value()).get(8) == 1;
                        if (measured) {
                            recorder.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1000));
                            received.incrementAndGet();
                        }
                    }
                }
            }
        }, "roundtrip-consumer");
        consumerThread.start();
        Thread.sleep(1000);

        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(durationSeconds);
            long next = start;
            while (next < end) {
                long now = System.nanoTime();
                if (now < next) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(next - now, 1_000_000));
                    continue;
                }
                boolean measured = next >= measureFrom;
                if (measured && !measuring.getAndSet(true)) {
                    recorder.getIntervalHistogram();
                }
                // The intended send time, not the actual one: a stalled sender does not hide its own delay.
                ByteBuffer value = ByteBuffer.allocate(size).putLong(next).put((byte) (measured ? 1 : 0));
                producer.send(new ProducerRecord<>(topic, Long.toString(next).getBytes(), value.array()));
                if (measured) {
                    sent++;
                }
                next += intervalNanos;
            }
            producer.flush();
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < sent && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        stop.set(true);
        consumerThread.join();
        Histogram h = recorder.getIntervalHistogram();
        System.out.printf("RESULT kafka-roundtrip linger=%d rate=%d p50=%.2f p95=%.2f p99=%.2f sent=%d lost=%d%n",
                linger, rate, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, sent, sent - received.get());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }
}
