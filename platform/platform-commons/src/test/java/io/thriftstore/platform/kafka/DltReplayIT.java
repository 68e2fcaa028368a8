package io.thriftstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.EventType;
import io.thriftstore.platform.events.SampleEvents;
import io.thriftstore.platform.events.Topics;

/** Each test uses a topic of its own, so that each can count exactly what a replay finds. */
class DltReplayIT extends KafkaIntegrationTest {

    @Autowired
    EventPublisher publisher;

    @Test
    void replayBringsADeadLetterBackToItsPartitionWhereTheFixedListenerProcessesItOnce() throws Exception {
        EventEnvelope<EventData> event = envelope(EventType.WISHLIST_ITEM_ADDED, uniqueKey("user"));
        listener.failing.add(event.id());
        int partition = publisher.publish(event).get(10, TimeUnit.SECONDS).getRecordMetadata().partition();
        awaitRecord(dlt(Topics.WISHLIST_EVENTS), r -> event.key().equals(r.key()));
        assertThat(listener.attemptsOf(event.id())).isEqualTo(ATTEMPTS);

        listener.failing.remove(event.id()); // the bug is fixed
        long listed = DltReplay.replay(options(Topics.WISHLIST_EVENTS, Long.MAX_VALUE, true), quiet());
        long replayed = DltReplay.replay(options(Topics.WISHLIST_EVENTS, Long.MAX_VALUE, false), quiet());

        assertThat(listed).isEqualTo(1);
        assertThat(replayed).isEqualTo(1);
        await().atMost(WAIT).until(() -> listener.processed.containsKey(event.id()));
        ConsumerRecord<String, EventEnvelope<EventData>> record = listener.processed.get(event.id());
        assertThat(record.value()).isEqualTo(event);
        assertThat(record.key()).isEqualTo(event.key());
        assertThat(record.topic()).isEqualTo(topic(Topics.WISHLIST_EVENTS));
        assertThat(record.partition()).isEqualTo(partition);
        assertThat(StreamSupport.stream(record.headers().spliterator(), false).map(h -> h.key()))
                .noneMatch(key -> key.startsWith("kafka_dlt-"));
        // The dry run published nothing: three failed attempts, then the one replay.
        assertThat(listener.attemptsOf(event.id())).isEqualTo(ATTEMPTS + 1);

        assertThat(DltReplay.replay(options(Topics.WISHLIST_EVENTS, Long.MAX_VALUE, false), quiet())).isZero();
    }

    @Test
    void maxLimitsARunAndTheNextRunContinuesWhereItStopped() throws Exception {
        String key = uniqueKey("conversation");
        EventEnvelope<EventData> first = envelope(EventType.CHAT_MESSAGE_SENT, key);
        EventEnvelope<EventData> second = envelope(EventType.CHAT_MESSAGE_SENT, key);
        listener.invalid.addAll(List.of(first.id(), second.id()));
        publisher.publish(first).get(10, TimeUnit.SECONDS);
        publisher.publish(second).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> readAll(dlt(Topics.CHAT_MESSAGES)).stream()
                .filter(r -> key.equals(r.key())).count() == 2);
        listener.invalid.removeAll(List.of(first.id(), second.id()));

        assertThat(DltReplay.replay(options(Topics.CHAT_MESSAGES, 1, false), quiet())).isEqualTo(1);
        await().atMost(WAIT).until(() -> listener.processed.containsKey(first.id()));
        assertThat(listener.processed).doesNotContainKey(second.id());

        assertThat(DltReplay.replay(options(Topics.CHAT_MESSAGES, Long.MAX_VALUE, false), quiet())).isEqualTo(1);
        await().atMost(WAIT).until(() -> listener.processed.containsKey(second.id()));
    }

    @Test
    void theCommandRunsWithoutSpringAndSaysWhatItReplayed() throws Exception {
        // Nothing was ever dead-lettered on notification-events in this context.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DltReplay.class.getName(),
                "--bootstrap-servers", broker.getBrokersAsString(),
                "--topic", topic(Topics.NOTIFICATION_EVENTS) + Topics.DLT_SUFFIX)
                .redirectErrorStream(true)
                .start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output)
                .contains("Replayed 0 record(s) from " + dlt(Topics.NOTIFICATION_EVENTS) + " to " + topic(Topics.NOTIFICATION_EVENTS))
                .doesNotContain("DEBUG", "INFO");
    }

    @Test
    void theCommandRefusesBadArguments() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DltReplay.class.getName(), "--max", "3")
                .redirectErrorStream(true)
                .start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--topic is required", "usage:");
    }

    private DltReplay.Options options(String topicName, long max, boolean dryRun) {
        return new DltReplay.Options(broker.getBrokersAsString(), topic(topicName), max, dryRun);
    }

    private EventEnvelope<EventData> envelope(EventType type, String key) {
        return EventEnvelope.of(type, publisher.source(), SampleEvents.dataFor(type, key));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
