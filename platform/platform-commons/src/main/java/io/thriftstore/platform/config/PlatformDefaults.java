package io.thriftstore.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.StringUtils;

/**
 * Adds {@code thriftstore-defaults.properties} as the property source of lowest
 * precedence, so every service gets the same defaults (Kafka address, actuator exposure,
 * probes, virtual threads) and can still override any of them in its own
 * {@code application.properties} or through the environment.
 *
 * <p>Also the log format: {@code thriftstore.log-format} ({@code THRIFTSTORE_LOG_FORMAT}) names
 * Spring Boot's structured console format, {@code ecs} by default (one JSON object per line, with
 * {@code traceId} and {@code spanId}), or {@code text} for Boot's readable pattern. Boot itself has no
 * word for "plain": its {@code logging.structured.format.console} must be empty for that, which an
 * environment variable cannot say clearly, hence this translation. An explicit
 * {@code logging.structured.format.console} still wins.
 *
 * <p>And traces: exported only with a non-empty OTLP endpoint ({@code TRACING_OTLP_ENDPOINT}), and recorded
 * ({@code management.tracing.sampling.probability}) only where they are exported: {@code TRACING_SAMPLING_PROBABILITY}
 * when it is set, otherwise 1.0 with an endpoint and 0 without. Unrecorded spans still carry the trace id into the
 * logs and the next hop; recording spans that no one exports is work for nothing (docs/DECISIONS.md, "Spans are
 * recorded only where they are exported").
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "thriftstore-defaults";
    static final String DERIVED_SOURCE_NAME = "thriftstore-derived-defaults";
    static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SAMPLING = "management.tracing.sampling.probability";
    static final String SAMPLING_VARIABLE = "TRACING_SAMPLING_PROBABILITY";
    static final String LOG_FORMAT = "thriftstore.log-format";
    static final String DEFAULT_LOG_FORMAT = "ecs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(SOURCE_NAME, new ClassPathResource("thriftstore-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> derived = new HashMap<>(logFormat(environment.getProperty(LOG_FORMAT, DEFAULT_LOG_FORMAT)));
        boolean exported = StringUtils.hasText(environment.getProperty(OTLP_ENDPOINT));
        if (!exported) {
            // Boot creates the OTLP exporter whenever the endpoint property exists, even empty (it would then fail
            // to start); an empty TRACING_OTLP_ENDPOINT (compose's "${X:-}") must mean "no export" instead.
            derived.put("management.tracing.export.otlp.enabled", "false");
        }
        // Empty counts as unset, as for the endpoint: compose passes "${TRACING_SAMPLING_PROBABILITY:-}" through.
        String sampling = environment.getProperty(SAMPLING_VARIABLE);
        derived.put(SAMPLING, StringUtils.hasText(sampling) ? sampling.trim() : exported ? "1.0" : "0.0");
        environment.getPropertySources().addLast(new MapPropertySource(DERIVED_SOURCE_NAME, derived));
    }

    /** Boot's settings for a {@code thriftstore.log-format} value. */
    static Map<String, Object> logFormat(String format) {
        String name = format.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("text") || name.equals("plain")) {
            return Map.of("logging.structured.format.console", "");
        }
        // JSON only: the banner would be the one line of a log file that no JSON reader can parse.
        return Map.of("logging.structured.format.console", format.trim(), "spring.main.banner-mode", "off");
    }
}
