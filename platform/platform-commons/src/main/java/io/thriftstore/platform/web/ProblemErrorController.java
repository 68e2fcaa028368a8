package io.thriftstore.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Replaces Boot's {@code /error} page so that errors raised outside Spring MVC (the servlet
 * container, a filter calling {@code sendError}) are problem+json too, with the same stable types.
 * The exception that led here, if any, is never shown.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        ProblemDetail problem = problem(status);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            }
            catch (IllegalArgumentException unparsable) {
                // leave the instance out rather than fail while reporting a failure
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The problem for a bare status, also used by {@link ProblemErrorReportValve} for Tomcat's own refusals. */
    static ProblemDetail problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(ProblemTypes.forStatus(status));
        problem.setTitle(known != null ? known.getReasonPhrase() : "HTTP " + status);
        problem.setDetail(status >= 500 ? ProblemDetailsHandler.GENERIC_SERVER_ERROR : detail(status, known));
        return problem;
    }

    private static String detail(int status, HttpStatus known) {
        return switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "There is nothing at this address.";
            default -> known != null ? known.getReasonPhrase() + "." : "The request failed with status " + status + ".";
        };
    }
}
