package io.thriftstore.testing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;

import io.thriftstore.testing.Infrastructure;
import io.thriftstore.testing.RealInfrastructure;
import io.thriftstore.testing.TestInfrastructure;

@SpringBootTest
@RealInfrastructure
class KafkaOutageIT {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Greetings greetings;

    @Autowired
    TestInfrastructure infrastructure;

    @AfterEach
    void endTheOutage() {
        infrastructure.kafka().start();
    }

    @Test
    void afterAnOutageTheBrokerIsBackAtTheSameAddressWithItsRecordsAndListenersResume() throws Exception {
        Infrastructure.Kafka broker = infrastructure.kafka();
        String address = broker.bootstrapServers();
        String greetingsTopic = infrastructure.topic(Greetings.TOPIC);
        String journal = infrastructure.topic("outage-journal");
        kafka.send(journal, "k", "before the outage").get(30, TimeUnit.SECONDS);
        kafka.send(greetingsTopic, "k", "greeting before the outage").get(30, TimeUnit.SECONDS);
        assertThat(greetings.next(Duration.ofSeconds(30))).isEqualTo("greeting before the outage");

        long stopping = System.nanoTime();
        broker.stop();
        long stopped = System.nanoTime();
        assertThat(broker.isRunning()).isFalse();
        assertThatThrownBy(() -> describeCluster(address))
                .as("clients cannot reach the broker during the outage")
                .isInstanceOf(ExecutionException.class);

        long starting = System.nanoTime();
        broker.start();
        System.out.printf("Kafka outage: stop took %d ms, start %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(stopped - stopping), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting));
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(address);

        kafka.send(journal, "k", "after the outage").get(30, TimeUnit.SECONDS);
        kafka.send(greetingsTopic, "k", "greeting after the outage").get(30, TimeUnit.SECONDS);
        assertThat(greetings.next(Duration.ofSeconds(60))).as("the context's listener reconnected")
                .isEqualTo("greeting after the outage");
        assertThat(readFromTheBeginning(address, journal, 2)).containsExactly("before the outage", "after the outage");
    }

    private static void describeCluster(String address) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> readFromTheBeginning(String address, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
