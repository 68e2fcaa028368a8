package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 403: the caller is known but may not do this (not the owner; a transition its role may never make). */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail);
    }
}
