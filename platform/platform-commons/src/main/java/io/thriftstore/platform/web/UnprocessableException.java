package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 422: an {@code Idempotency-Key} reused with a different body. */
public class UnprocessableException extends ProblemException {

    public UnprocessableException(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.UNPROCESSABLE, detail);
    }
}
