package io.thriftstore.platform.auth;

import io.thriftstore.platform.web.AllowedOrigins;
import io.thriftstore.platform.web.WebProblemsAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource server of DESIGN section 4: one {@link JwtDecoder} (RS256, key from a PEM or a JWKS
 * URL, timestamps, optional issuer, azp in the allowed origins) shared by HTTP and STOMP; a stateless
 * bearer-only filter chain with problem+json 401/403; {@link CurrentUser} parameters; the per-user
 * write limit. Ordered before Boot's security auto-configurations so that theirs back off.
 */
@AutoConfiguration(after = WebProblemsAutoConfiguration.class, before = {SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
    UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "thriftstore.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties({AuthProperties.class, ClerkProperties.class, RateLimitProperties.class})
public class AuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthAutoConfiguration.class);

    /** Served without a token on every service. */
    static final List<String> PLATFORM_PUBLIC_PATHS = List.of("/actuator/health/**", "/actuator/info",
        "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/ws/**", "/error");

    static final String CLERK_SECRET_KEY_ENV = "CLERK_SECRET_KEY";

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(AuthProperties auth, AllowedOrigins allowedOrigins) {
        AuthProperties.Mode mode = mode(auth);
        NimbusJwtDecoder decoder;
        if (auth.publicKeyLocation() != null) {
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(auth.publicKeyLocation()))
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        }
        else if (mode == AuthProperties.Mode.CLERK && StringUtils.hasText(auth.jwkSetUri())) {
            // Keys are fetched on the first token and cached: a JWKS host that is down fails requests, not start-up.
            decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        }
        else {
            throw new InvalidConfigurationPropertyValueException("thriftstore.auth.public-key-location", "(not set)",
                "Dev auth is on but there is no dev key: set thriftstore.auth.public-key-location to the launcher's "
                    + "public key (file:.data/dev-keys/public.pem, written by ./thriftstore up)");
        }
        String issuer = StringUtils.hasText(auth.issuer()) ? auth.issuer()
            : mode == AuthProperties.Mode.DEV ? AuthProperties.DEV_ISSUER : null;
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer != null ? JwtValidators.createDefaultWithIssuer(issuer) : JwtValidators.createDefault());
        // The default validators check exp only when a token has one: a token without it would never expire.
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        if (mode == AuthProperties.Mode.CLERK) {
            // Whatever key is configured, a token the dev tooling issued is never a Clerk user's.
            validators.add(new JwtClaimValidator<String>(JwtClaimNames.ISS, iss -> !AuthProperties.DEV_ISSUER.equals(iss)));
        }
        validators.add(new AzpValidator(allowedOrigins));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new VerifiedTokens(decoder, Clock.systemUTC(), 2_000, Duration.ofMinutes(5));
    }

    /** The explicit mode, else CLERK when a key is configured; with neither the service must not start. */
    private static AuthProperties.Mode mode(AuthProperties auth) {
        boolean keyConfigured = auth.publicKeyLocation() != null || StringUtils.hasText(auth.jwkSetUri());
        if (auth.mode() == AuthProperties.Mode.DEV) {
            log.warn("""

                ************************************************************************************************
                 DEV AUTH IS ON (THRIFTSTORE_AUTH_MODE=dev): this service trusts tokens signed with the locally
                 generated key {}. Anyone holding that key's private half can act as any user.
                 Never run it like this where real people sign in: configure Clerk (docs/SECURITY.md).
                ************************************************************************************************""",
                auth.publicKeyLocation());
            return AuthProperties.Mode.DEV;
        }
        if (auth.mode() == AuthProperties.Mode.CLERK || keyConfigured) {
            if (!keyConfigured) {
                throw new InvalidConfigurationPropertyValueException("thriftstore.auth.public-key-location", "(not set)",
                    "Clerk auth needs Clerk's key: set thriftstore.auth.public-key-location to Clerk's PEM or "
                        + "thriftstore.auth.jwk-set-uri to Clerk's JWKS URL (env THRIFTSTORE_AUTH_PUBLIC_KEY_LOCATION / "
                        + "THRIFTSTORE_AUTH_JWK_SET_URI)");
            }
            if (!StringUtils.hasText(auth.issuer())) {
                log.warn("No token issuer configured (thriftstore.auth.issuer): tokens of any issuer signed by the key are "
                    + "accepted. Set it to your Clerk Frontend API URL.");
            }
            return AuthProperties.Mode.CLERK;
        }
        throw new InvalidConfigurationPropertyValueException("thriftstore.auth.mode", "(not set)",
            "No auth configured, so no bearer token could be verified. For Clerk set thriftstore.auth.public-key-location "
                + "to Clerk's PEM or thriftstore.auth.jwk-set-uri to Clerk's JWKS URL (env THRIFTSTORE_AUTH_PUBLIC_KEY_LOCATION / "
                + "THRIFTSTORE_AUTH_JWK_SET_URI); for local development set THRIFTSTORE_AUTH_MODE=dev with the dev key "
                + "(file:.data/dev-keys/public.pem, written by ./thriftstore up)");
    }

    @Bean
    @ConditionalOnMissingBean
    DisplayNames displayNames(ClerkProperties clerk, Environment environment) {
        String secretKey = StringUtils.hasText(clerk.secretKey())
            ? clerk.secretKey()
            : environment.getProperty(CLERK_SECRET_KEY_ENV);
        if (!StringUtils.hasText(secretKey)) {
            return DisplayNames.fromClaims();
        }
        return new ClerkDisplayNames(secretKey, clerk.apiUrl(), clerk.timeout(), clerk.cacheTtl());
    }

    @Bean
    @ConditionalOnMissingBean(name = "writeRateLimits")
    RateLimits writeRateLimits(RateLimitProperties limits, ObjectProvider<Clock> clock) {
        // The service's Clock if it has exactly one (a test's movable clock), else the system clock.
        return new RateLimits(limits.writesPerMinute(), Duration.ofMinutes(1), limits.maxTrackedUsers(),
            clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    WebMvcConfigurer currentUserParameters(DisplayNames displayNames) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver(displayNames));
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain thriftstoreSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            ObjectProvider<PublicEndpoints> publicEndpoints,
            @Qualifier("corsConfigurationSource") CorsConfigurationSource cors,
            @Qualifier("writeRateLimits") RateLimits writeRateLimits,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        List<PublicEndpoints.Endpoint> servicePublic = publicEndpoints.orderedStream()
            .flatMap(endpoints -> endpoints.endpoints().stream())
            .toList();
        http
            // Bearer tokens only, no cookies or sessions: there is nothing for CSRF to ride on.
            .csrf(AbstractHttpConfigurer::disable)
            .cors(c -> c.configurationSource(cors))
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .authorizeHttpRequests(requests -> {
                requests.requestMatchers(PLATFORM_PUBLIC_PATHS.toArray(String[]::new)).permitAll();
                for (PublicEndpoints.Endpoint endpoint : servicePublic) {
                    if (endpoint.method() == null) {
                        requests.requestMatchers(endpoint.pattern()).permitAll();
                    }
                    else {
                        requests.requestMatchers(endpoint.method(), endpoint.pattern()).permitAll();
                    }
                }
                requests.anyRequest().authenticated();
            })
            .oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.decoder(jwtDecoder))
                .authenticationEntryPoint(handlers)
                .accessDeniedHandler(handlers))
            .exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(handlers)
                .accessDeniedHandler(handlers))
            .addFilterAfter(new WriteRateLimitFilter(writeRateLimits, problems), AuthorizationFilter.class);
        return http.build();
    }

    private static RSAPublicKey readPublicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        }
        catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException("thriftstore.auth.public-key-location", location,
                "Cannot read the public key: " + e.getMessage());
        }
        catch (RuntimeException e) {
            throw new InvalidConfigurationPropertyValueException("thriftstore.auth.public-key-location", location,
                "Not an X.509 RSA public key PEM (-----BEGIN PUBLIC KEY-----): " + e.getMessage());
        }
    }
}
