package io.thriftstore.platform.auth;

import io.thriftstore.platform.web.RateLimitedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Set;

/** Counts every write of an authenticated user against {@link RateLimits}; over the limit is 429. */
final class WriteRateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimits limits;
    private final HandlerExceptionResolver problems;

    WriteRateLimitFilter(RateLimits limits, HandlerExceptionResolver problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (WRITES.contains(request.getMethod()) && authentication instanceof JwtAuthenticationToken user) {
            RateLimits.Decision decision = limits.tryConsume(user.getName());
            if (!decision.allowed()) {
                RateLimitedException limited = new RateLimitedException("Too many changes: at most " + limits.permits()
                    + " per " + limits.period().toSeconds() + " s. Try again shortly.", decision.retryAfter());
                problems.resolveException(request, response, null, limited);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
