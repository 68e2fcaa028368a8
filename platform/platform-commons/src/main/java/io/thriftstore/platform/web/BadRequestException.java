package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * 400 for input that is well-formed but breaks a rule bean validation cannot express (chatting with
 * yourself, a currency other than the platform's). With a field, the problem's {@code errors} names it.
 */
public class BadRequestException extends ProblemException {

    private final List<FieldProblem> errors;

    public BadRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail);
        this.errors = List.of();
    }

    public BadRequestException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "'" + field + "' " + message + ".");
        this.errors = List.of(new FieldProblem(field, message));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
