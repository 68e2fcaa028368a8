package io.thriftstore.order.order;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.thriftstore.order.catalog.SoldOutException;
import io.thriftstore.platform.web.ProblemTypes;

/**
 * 409 {@code sold-out} naming the short items ({@code items: [{productId, name, requested, available}]}): the
 * platform's translator has no place for the items, and only placing an order answers this.
 */
@RestControllerAdvice(assignableTypes = OrderController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SoldOutProblems {

    @ExceptionHandler(SoldOutException.class)
    ResponseEntity<ProblemDetail> soldOut(SoldOutException soldOut) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, soldOut.getMessage());
        problem.setType(ProblemTypes.SOLD_OUT);
        problem.setTitle("Sold out");
        problem.setProperty("items", soldOut.items());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
