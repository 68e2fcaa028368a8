package io.thriftstore.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The W3C {@code traceparent} of the current trace, for work that leaves it and comes back later: an event
 * stored in an outbox is published by a relay thread that knows nothing of the request that wrote it. The
 * writer stores {@link #current()} with the event; the relay sends it as the record's {@value #HEADER} header
 * (platform-outbox) or publishes inside {@link #continueFrom} (a relay that publishes through the observed
 * {@code KafkaTemplate}), so that the consumers continue the writer's trace, not the relay's.
 *
 * <p>Built on Micrometer Tracing's {@link Tracer} and {@link Propagator} (OpenTelemetry bridge), so the text is
 * exactly what the HTTP and Kafka instrumentation write; without a tracer both are no-ops.
 */
public final class TraceParents {

    /** The W3C Trace Context header (https://www.w3.org/TR/trace-context/). */
    public static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The traceparent of the span current on this thread, or {@code null} outside any trace. */
    public String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Runs {@code work} inside a span {@code name} that is a child of {@code traceparent}, so that spans and
     * headers made by the work belong to that trace; without a traceparent the work runs as it is.
     */
    public <T> T continueFrom(String traceparent, String name, Supplier<T> work) {
        if (traceparent == null || traceparent.isBlank()) {
            return work.get();
        }
        Span span = propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key))
                .name(name).kind(Span.Kind.PRODUCER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
