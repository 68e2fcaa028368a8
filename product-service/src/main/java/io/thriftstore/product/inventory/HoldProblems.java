package io.thriftstore.product.inventory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused hold as problem+json with the platform's type URIs plus {@code reason} and {@code items}: the
 * platform's translator has no place for those two, and only this endpoint needs them.
 */
@RestControllerAdvice(assignableTypes = HoldController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HoldProblems {

    @ExceptionHandler(HoldRefused.class)
    ResponseEntity<ProblemDetail> refused(HoldRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.reason().status, refused.getMessage());
        problem.setType(refused.reason().type);
        problem.setProperty("reason", refused.reason().name());
        problem.setProperty("items", refused.items());
        return ResponseEntity.status(refused.reason().status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
