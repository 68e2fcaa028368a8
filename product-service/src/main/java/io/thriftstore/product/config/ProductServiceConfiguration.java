package io.thriftstore.product.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.thriftstore.platform.auth.CurrentUser;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneOffset;

/** Scheduling: the hold expiry and the image sweep ({@code @Scheduled}); the outbox relay has its own thread. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProductServiceConfiguration {

    static {
        // The caller comes from the bearer token, not from a request parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    /** Milliseconds: what MongoDB keeps of a timestamp, so an answer shows the same time as a later read. */
    @Bean
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    @Bean
    OpenAPI productServiceApi() {
        return new OpenAPI()
            .info(new Info().title("product-service").version("v1")
                .description("ThriftStore's catalog: products, their images and their stock. Reads are public; "
                    + "writes need a bearer token and are allowed to the seller only."))
            .components(new Components().addSecuritySchemes("bearer",
                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
            .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
