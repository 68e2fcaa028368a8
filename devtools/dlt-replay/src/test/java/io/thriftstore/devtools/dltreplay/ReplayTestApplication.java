package io.thriftstore.devtools.dltreplay;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.ValidationException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;

/**
 * A service as small as can be: platform-commons' Kafka auto-configuration (topics, retries, the dead-letter
 * publisher) and one listener the tests make fail, so real records land in real DLTs for DltReplay to bring back.
 */
@SpringBootApplication
class ReplayTestApplication {

    @Bean
    RecordingListener recordingListener() {
        return new RecordingListener();
    }

    /** Listens through Boot's default container factory, so the platform's error policy decides what is dead-lettered. */
    static class RecordingListener {

        final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<UUID, ConsumerRecord<String, EventEnvelope<EventData>>> processed = new ConcurrentHashMap<>();
        /** Retried, then dead-lettered. */
        final Set<UUID> failing = ConcurrentHashMap.newKeySet();
        /** Dead-lettered at once (not retryable). */
        final Set<UUID> invalid = ConcurrentHashMap.newKeySet();

        @KafkaListener(id = "dlt-replay-recorder", topics = {
                "#{@topics.name('wishlist-events')}", "#{@topics.name('chat-messages')}",
                "#{@topics.name('notification-events')}"})
        void on(ConsumerRecord<String, EventEnvelope<EventData>> record) {
            UUID id = record.value().id();
            attempts.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
            if (failing.contains(id)) {
                throw new IllegalStateException("simulated outage while handling " + id);
            }
            if (invalid.contains(id)) {
                throw new ValidationException("simulated invalid payload in " + id);
            }
            processed.put(id, record);
        }

        int attemptsOf(UUID id) {
            AtomicInteger count = attempts.get(id);
            return count == null ? 0 : count.get();
        }
    }
}
