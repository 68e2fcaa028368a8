package io.thriftstore.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.WishlistEvent;

/**
 * An event carries the trace of the transaction that wrote it: the outbox stores the writer's W3C traceparent,
 * the relay sends it as the record's {@code traceparent} header, and the listener (Spring Kafka observation)
 * continues that trace, not one of the relay's.
 */
class OutboxTracingIT extends OutboxIntegrationTest {

    @Autowired
    Tracer tracer;

    @Test
    void anEventCarriesTheTraceOfTheTransactionThatWroteItToKafkaAndToItsListener() {
        String owner = uniqueOwner("traced");
        Span request = tracer.nextSpan().name("a request").start();
        EventEnvelope<WishlistEvent> event;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            event = things.add(owner, "lamp");
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        String stored = jdbc.queryForObject("SELECT traceparent FROM outbox WHERE event_id = ?", String.class,
                event.id());
        // Flags 01 when the trace is recorded (an exporter is configured), 00 when not: the trace travels either way.
        String flags = Boolean.TRUE.equals(request.context().sampled()) ? "01" : "00";
        assertThat(stored).isEqualTo("00-" + traceId + "-" + request.context().spanId() + "-" + flags);
        ConsumerRecord<String, byte[]> record = awaitRecord(r -> owner.equals(r.key()));
        assertThat(traceparentOf(record)).isEqualTo(stored);
        assertThat(record.headers().headers("traceparent")).as("one traceparent header").hasSize(1);
        String listenerTrace = await().atMost(WAIT).until(() -> wishCounter.traceIdOf(event.id()), Objects::nonNull);
        assertThat(listenerTrace).isEqualTo(traceId);
    }

    @Test
    void anEventWrittenOutsideATraceIsSentWithoutATraceparent() {
        String owner = uniqueOwner("untraced");
        assertThat(tracer.currentSpan()).isNull();

        EventEnvelope<WishlistEvent> event = things.add(owner, "lamp");

        assertThat(jdbc.queryForObject("SELECT traceparent FROM outbox WHERE event_id = ?", String.class, event.id()))
                .isNull();
        assertThat(traceparentOf(awaitRecord(r -> owner.equals(r.key())))).isNull();
    }

    private static String traceparentOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
