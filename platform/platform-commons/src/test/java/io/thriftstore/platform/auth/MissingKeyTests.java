package io.thriftstore.platform.auth;

import io.thriftstore.platform.web.testapp.SampleApp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service never starts without a way to verify tokens: there is no unauthenticated fallback. */
class MissingKeyTests {

    @Test
    void aServiceWithoutAKeyToVerifyTokensRefusesToStartAndSaysWhatToSet() {
        SpringApplication app = new SpringApplication(SampleApp.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);

        assertThatThrownBy(() -> app.run("--server.port=0", "--spring.main.banner-mode=off", "--spring.kafka.admin.auto-create=false"))
            .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
            .rootCause()
            .satisfies(cause -> assertThat(cause.getMessage())
                .contains("thriftstore.auth.public-key-location", "thriftstore.auth.jwk-set-uri", "THRIFTSTORE_AUTH_MODE=dev"));
    }

    @Test
    void devAuthWithoutTheDevKeyRefusesToStart() {
        SpringApplication app = new SpringApplication(SampleApp.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);

        assertThatThrownBy(() -> app.run("--server.port=0", "--spring.main.banner-mode=off", "--spring.kafka.admin.auto-create=false",
                "--thriftstore.auth.mode=dev", "--thriftstore.auth.jwk-set-uri=https://clerk.example/.well-known/jwks.json"))
            .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
            .rootCause()
            .satisfies(cause -> assertThat(cause.getMessage()).contains("no dev key"));
    }
}
