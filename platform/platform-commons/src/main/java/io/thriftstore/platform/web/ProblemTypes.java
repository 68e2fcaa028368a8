package io.thriftstore.platform.web;

import java.net.URI;

/**
 * The stable {@code type} of every problem the platform answers with. Clients and tests match on
 * these, so a URI never changes meaning once published.
 */
public final class ProblemTypes {

    private static final String BASE = "https://thriftstore.dev/problems/";

    public static final URI VALIDATION = type("validation");
    public static final URI MALFORMED_REQUEST = type("malformed-request");
    public static final URI TYPE_MISMATCH = type("type-mismatch");
    public static final URI MISSING_PARAMETER = type("missing-parameter");
    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI FORBIDDEN = type("forbidden");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = type("not-acceptable");
    public static final URI CONFLICT = type("conflict");
    /** 409 for an order when an item lacks stock; the problem names the items (order-service, product-service holds). */
    public static final URI SOLD_OUT = type("sold-out");
    public static final URI PRECONDITION_FAILED = type("precondition-failed");
    public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type");
    public static final URI UNPROCESSABLE = type("unprocessable");
    public static final URI RATE_LIMITED = type("rate-limited");
    public static final URI INTERNAL = type("internal");
    public static final URI SERVICE_UNAVAILABLE = type("service-unavailable");

    private ProblemTypes() {
    }

    /** The type for a status when nothing more specific is known (e.g. Boot's {@code /error} page). */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> RATE_LIMITED;
            case 502, 503, 504 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : type("http-" + status);
        };
    }

    private static URI type(String slug) {
        return URI.create(BASE + slug);
    }
}
