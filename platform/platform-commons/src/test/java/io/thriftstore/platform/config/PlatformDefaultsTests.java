package io.thriftstore.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * The log format switch (JSON by default, Boot's readable pattern on request, Boot's own property first), and trace
 * recording (only where spans are exported, unless asked otherwise).
 */
class PlatformDefaultsTests {

    @Test
    void servicesLogEcsJsonWithoutABannerByDefault() {
        MockEnvironment environment = prepared(new MockEnvironment());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
    }

    @Test
    void textGivesBootsReadablePattern() {
        MockEnvironment environment = prepared(new MockEnvironment().withProperty("thriftstore.log-format", "text"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEmpty();
        assertThat(environment.getProperty("spring.main.banner-mode")).isNull();
    }

    @Test
    void anotherStructuredFormatIsPassedToBoot() {
        MockEnvironment environment = prepared(new MockEnvironment().withProperty("thriftstore.log-format", "logstash"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void bootsOwnPropertyWins() {
        MockEnvironment environment = prepared(new MockEnvironment()
                .withProperty("logging.structured.format.console", "gelf"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("gelf");
    }

    @Test
    void spansAreNotRecordedWhenNothingExportsThem() {
        MockEnvironment environment = prepared(new MockEnvironment());

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.0");
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
    }

    @Test
    void everyTraceIsRecordedWhenSpansAreExported() {
        MockEnvironment environment = prepared(new MockEnvironment()
                .withProperty("TRACING_OTLP_ENDPOINT", "http://jaeger:4318/v1/traces"));

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isNull();
    }

    @Test
    void anExplicitSamplingProbabilityWinsAndAnEmptyOneCountsAsUnset() {
        assertThat(prepared(new MockEnvironment().withProperty("TRACING_SAMPLING_PROBABILITY", "0.25"))
                .getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
        assertThat(prepared(new MockEnvironment().withProperty("TRACING_SAMPLING_PROBABILITY", ""))
                .getProperty("management.tracing.sampling.probability")).isEqualTo("0.0");
        assertThat(prepared(new MockEnvironment().withProperty("management.tracing.sampling.probability", "0.5"))
                .getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
    }

    private static MockEnvironment prepared(MockEnvironment environment) {
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
