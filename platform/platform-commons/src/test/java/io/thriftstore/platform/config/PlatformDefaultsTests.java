package io.thriftstore.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The log format switch: JSON by default, Boot's readable pattern on request, Boot's own property first. */
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

    private static MockEnvironment prepared(MockEnvironment environment) {
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
