package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * An error a service raises on purpose; the platform's handler turns it into a problem+json answer
 * with this status, type and the message as {@code detail}. The message is shown to the client, so
 * it must not carry internals.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;

    ProblemException(HttpStatus status, URI type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }
}
