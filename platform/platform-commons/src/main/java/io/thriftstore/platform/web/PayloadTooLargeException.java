package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 413: a request body over the configured limit ({@code thriftstore.web.max-body-size}). */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(String detail) {
        super(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, detail);
    }
}
