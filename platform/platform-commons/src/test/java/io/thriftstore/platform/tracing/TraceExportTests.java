package io.thriftstore.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.thriftstore.platform.config.PlatformDefaults;

/**
 * Spans leave a service only when an OTLP endpoint is given: unset and empty both mean no exporter at all. And spans
 * are recorded only then: without an exporter a new trace is not sampled, but still has the id logs and the next
 * hop carry.
 */
class TraceExportTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(app -> new PlatformDefaults().postProcessEnvironment(app.getEnvironment(),
                    new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class));

    @Test
    void withoutAnEndpointThereIsNoExporter() {
        context.run(app -> assertThat(app).hasNotFailed().doesNotHaveBean(SpanExporter.class));
    }

    @Test
    void anEmptyEndpointMeansNoExporterRatherThanAFailedStart() {
        context.withSystemProperties("TRACING_OTLP_ENDPOINT=")
                .run(app -> assertThat(app).hasNotFailed().doesNotHaveBean(SpanExporter.class));
    }

    @Test
    void withoutAnEndpointNewTracesAreNotRecordedButStillHaveATraceId() {
        context.run(app -> {
            Span span = app.getBean(Tracer.class).nextSpan().start();
            assertThat(span.context().sampled()).isFalse();
            assertThat(span.context().traceId()).matches("[0-9a-f]{32}");
            span.end();
        });
    }

    @Test
    void withAnEndpointEveryNewTraceIsRecorded() {
        context.withSystemProperties("TRACING_OTLP_ENDPOINT=http://localhost:4318/v1/traces").run(app -> {
            Span span = app.getBean(Tracer.class).nextSpan().start();
            assertThat(span.context().sampled()).isTrue();
            span.end();
        });
    }

    @Test
    void anEndpointGivesAnOtlpExporter() {
        context.withSystemProperties("TRACING_OTLP_ENDPOINT=http://localhost:4318/v1/traces")
                .run(app -> assertThat(app).hasNotFailed().hasSingleBean(SpanExporter.class));
    }
}
