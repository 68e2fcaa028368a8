package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 409: a legal request that the resource's current state does not allow. */
public class ConflictException extends ProblemException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, detail);
    }
}
