package io.thriftstore.wschat.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.thriftstore.platform.web.FieldProblem;
import io.thriftstore.platform.web.ProblemTypes;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A send the gateway refuses. It travels to the sending session's {@code /user/queue/errors} as
 * problem JSON with the {@code clientMessageId}, so that the client knows which message failed.
 */
final class SendRefused extends RuntimeException {

    private final transient Problem problem;

    private SendRefused(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    static SendRefused notFound(String clientMessageId) {
        // The same answer for an outsider as for a conversation that cannot exist: nobody learns who talks to whom.
        return new SendRefused(new Problem(ProblemTypes.NOT_FOUND, "Not Found", 404, "No such conversation.",
            clientMessageId, null, null));
    }

    static SendRefused invalid(String clientMessageId, String field, String message) {
        return new SendRefused(new Problem(ProblemTypes.VALIDATION, "Bad Request", 400, "'" + field + "' " + message + ".",
            clientMessageId, List.of(new FieldProblem(field, message)), null));
    }

    static SendRefused malformed() {
        return new SendRefused(new Problem(ProblemTypes.MALFORMED_REQUEST, "Bad Request", 400,
            "The message must be JSON: {conversationId, clientMessageId, text}.", null, null, null));
    }

    static SendRefused rateLimited(String clientMessageId, String detail, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        return new SendRefused(new Problem(ProblemTypes.RATE_LIMITED, "Too Many Requests", 429, detail, clientMessageId,
            null, seconds));
    }

    static SendRefused unavailable(String clientMessageId) {
        return new SendRefused(new Problem(ProblemTypes.SERVICE_UNAVAILABLE, "Service Unavailable", 503,
            "The message could not be sent; try again.", clientMessageId, null, null));
    }

    Problem problem() {
        return problem;
    }

    /** RFC 9457 fields plus {@code clientMessageId} and, for 429, {@code retryAfter} in seconds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(URI type, String title, int status, String detail, String clientMessageId, List<FieldProblem> errors,
                   Long retryAfter) {
    }
}
