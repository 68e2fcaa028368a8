package io.thriftstore.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's last word on an error, as problem+json instead of its HTML page.
 * <p>
 * Tomcat refuses some requests before any web application sees them: an encoded slash ({@code %2F}),
 * a {@code %00} or a path that does not normalise is answered 400 while no context is mapped, so
 * neither Spring MVC nor Boot's {@code /error} page ({@link ProblemErrorController}) can render it.
 * The host's error report valve does; this one writes the same problem as {@code /error} would.
 * Like Boot's own valve (with {@code server.error.include-stacktrace=never}) it never shows the
 * exception or Tomcat's message.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The guards of Tomcat's own report: nothing for non-errors, for answers already written,
        // or for an error some other valve or page has already reported.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is gone: nobody would read the report
        }
        ProblemDetail problem = ProblemErrorController.problem(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException unwritable) {
            // The client went away or the response was closed meanwhile: nothing left to tell it.
        }
    }
}
