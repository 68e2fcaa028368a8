package io.thriftstore.platform.web;

import org.springframework.http.HttpStatus;

/** 412: the {@code If-Match} sent does not match the resource's current version; see {@link ETags}. */
public class PreconditionFailedException extends ProblemException {

    public PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED, detail);
    }
}
