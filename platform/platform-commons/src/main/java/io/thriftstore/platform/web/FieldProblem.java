package io.thriftstore.platform.web;

/** One entry of a problem's {@code errors} list: which field (dotted path, e.g. {@code items[0].quantity}) and why. */
public record FieldProblem(String field, String message) {
}
