package io.thriftstore.platform.auth;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Optional;

/**
 * Lets controllers take {@code CurrentUser user} (401 when there is no verified token) or
 * {@code Optional<CurrentUser> user} (empty for anonymous callers of a public endpoint).
 */
final class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    private final DisplayNames displayNames;

    CurrentUserArgumentResolver(DisplayNames displayNames) {
        this.displayNames = displayNames;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class || isOptionalCurrentUser(parameter);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<CurrentUser> user = authentication instanceof JwtAuthenticationToken token
            ? Optional.of(displayNames.currentUser(token.getToken()))
            : Optional.empty();
        if (isOptionalCurrentUser(parameter)) {
            return user;
        }
        return user.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("A bearer token is required"));
    }

    private static boolean isOptionalCurrentUser(MethodParameter parameter) {
        return parameter.getParameterType() == Optional.class
            && ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve() == CurrentUser.class;
    }
}
