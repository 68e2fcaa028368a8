package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 404: the resource does not exist, or the caller may not know that it does (someone else's order). */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, detail);
    }
}
