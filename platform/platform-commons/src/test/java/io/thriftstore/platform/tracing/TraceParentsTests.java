package io.thriftstore.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The traceparent an outbox stores, and a relay continuing from it, over Boot's OpenTelemetry tracer. */
class TraceParentsTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, TraceParentsAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0");

    @Test
    void outsideATraceThereIsNoTraceparent() {
        context.run(app -> assertThat(app.getBean(TraceParents.class).current()).isNull());
    }

    @Test
    void insideASpanTheTraceparentNamesItsTraceAndSpan() {
        context.run(app -> {
            Tracer tracer = app.getBean(Tracer.class);
            Span span = tracer.nextSpan().name("request").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                assertThat(app.getBean(TraceParents.class).current())
                        .isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
            } finally {
                span.end();
            }
        });
    }

    @Test
    void workContinuedFromATraceparentRunsInAChildSpanOfThatTrace() {
        context.run(app -> {
            Tracer tracer = app.getBean(Tracer.class);
            String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

            Span inside = app.getBean(TraceParents.class).continueFrom(traceparent, "relay", tracer::currentSpan);

            assertThat(inside.context().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(inside.context().parentId()).isEqualTo("00f067aa0ba902b7");
            assertThat(tracer.currentSpan()).isNull();
        });
    }
}
