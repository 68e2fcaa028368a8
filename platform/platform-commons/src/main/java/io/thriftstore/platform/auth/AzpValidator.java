package io.thriftstore.platform.auth;

import io.thriftstore.platform.web.AllowedOrigins;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Clerk puts the origin that asked for a session token in {@code azp}; when present it must be one of
 * our allowed origins, so a token minted for another site is refused here.
 */
final class AzpValidator implements OAuth2TokenValidator<Jwt> {

    private final AllowedOrigins allowedOrigins;

    AzpValidator(AllowedOrigins allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Object azp = jwt.getClaims().get("azp");
        if (azp == null || (azp instanceof String origin && allowedOrigins.contains(origin))) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token's azp is not an allowed origin", null));
    }
}
