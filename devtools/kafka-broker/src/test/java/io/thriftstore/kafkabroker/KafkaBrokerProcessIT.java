package io.thriftstore.kafkabroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessIT {

    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokerProcess.builder().build();
        long started = System.nanoTime();
        broker.start();
        System.out.printf("Kafka broker ready in %d ms at %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), broker.bootstrapServers());
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void recordsWrittenBeforeAnOutageAreReadAfterItAtTheSameAddress() throws Exception {
        String address = broker.bootstrapServers();
        send("orders", "o-1", "created");
        send("orders", "o-1", "confirmed");

        long stopping = System.nanoTime();
        broker.stop();
        System.out.printf("Kafka broker stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
        assertThat(broker.isRunning()).isFalse();
        assertThatThrownBy(() -> send("orders", "o-2", "created"))
                .as("nothing answers during the outage")
                .isInstanceOf(ExecutionException.class);

        long restarting = System.nanoTime();
        broker.start();
        System.out.printf("Kafka broker restarted in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting));
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        send("orders", "o-3", "created");

        assertThat(readAll("orders", 3)).containsExactly("o-1=created", "o-1=confirmed", "o-3=created");
    }

    @Test
    void startingARunningBrokerChangesNothing() throws Exception {
        String address = broker.bootstrapServers();
        broker.start();
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        send("idempotent-start", "k", "v");
        assertThat(readAll("idempotent-start", 1)).containsExactly("k=v");
    }

    @Test
    void aTakenPortIsReportedWithTheBrokerLog(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            KafkaBrokerProcess blocked = KafkaBrokerProcess.builder()
                    .port(taken.getLocalPort())
                    .logDir(dir)
                    .build();
            assertThatThrownBy(blocked::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Address already in use")
                    .hasMessageContaining(dir.resolve("broker.log").toString());
            assertThat(blocked.isRunning()).isFalse();
        }
    }

    @Test
    void theBrokerStopsWhenTheJvmThatStartedItIsKilled(@TempDir Path dir) throws Exception {
        Process parent = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StartBrokerAndWait.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        long brokerPid;
        int brokerPort;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                seen.add(line);
            }
            assertThat(line).as("the parent's output: %s", seen).isNotNull();
            String[] ready = line.split(" ");
            brokerPort = Integer.parseInt(ready[1]);
            brokerPid = Long.parseLong(ready[2]);

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.waitFor(10, TimeUnit.SECONDS);
        }

        ProcessHandle child = ProcessHandle.of(brokerPid).orElseThrow();
        child.onExit().get(40, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
        try (ServerSocket reused = new ServerSocket(brokerPort, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(reused.getLocalPort()).as("the broker's port is free again").isEqualTo(brokerPort);
        }
    }

    private static void send(String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ExecutionException(e);
        }
    }

    private static List<String> readAll(String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.key() + "=" + record.value());
                }
            }
        }
        return values;
    }
}
