package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 503: a service this request depends on is down; the client may retry later. */
public class ServiceUnavailableException extends ProblemException {

    public ServiceUnavailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, detail);
    }
}
