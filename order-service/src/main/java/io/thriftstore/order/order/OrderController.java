package io.thriftstore.order.order;

import java.net.URI;
import java.util.Locale;

import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.thriftstore.order.review.ReviewRequest;
import io.thriftstore.order.review.ReviewResponse;
import io.thriftstore.platform.web.Paging;
import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ETags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/orders")
@Validated
class OrderController {

    private final OrderService service;

    OrderController(OrderService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<OrderResponse> place(@Valid @RequestBody PlaceOrderRequest request, CurrentUser buyer,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new BadRequestException("Idempotency-Key", "must be 1 to 255 characters");
        }
        OrderService.Placed placed = service.place(buyer, request, idempotencyKey);
        OrderResponse order = placed.order();
        return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
            .location(URI.create("/api/orders/" + order.id()))
            .eTag(ETags.of(order.version()))
            .body(order);
    }

    @GetMapping
    PagedModel<OrderResponse> list(CurrentUser user,
                                   @RequestParam(defaultValue = "buyer") String role,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) int size) {
        Role asRole = switch (role.toLowerCase(Locale.ROOT)) {
            case "buyer" -> Role.BUYER;
            case "seller" -> Role.SELLER;
            default -> throw new BadRequestException("role", "must be buyer or seller");
        };
        OrderStatus asStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                asStatus = OrderStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException unknown) {
                throw new BadRequestException("status", "is not an order status");
            }
        }
        // Sizes above the cap are served at the cap, as Spring Data does for its own paging.
        return new PagedModel<>(service.list(user, asRole, asStatus, page, Paging.size(size)));
    }

    @GetMapping("/{id}")
    ResponseEntity<OrderResponse> get(@PathVariable String id, CurrentUser user) {
        OrderResponse order = service.get(id, user);
        return ResponseEntity.ok().eTag(ETags.of(order.version())).body(order);
    }

    @PatchMapping("/{id}")
    ResponseEntity<OrderResponse> changeStatus(@PathVariable String id, @Valid @RequestBody ChangeStatusRequest request,
                                               CurrentUser user,
                                               @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        OrderResponse order = service.changeStatus(id, user, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(order.version())).body(order);
    }

    /** The buyer's review of a delivered order; the order itself (its {@code review}) is where it can be read back. */
    @PostMapping("/{id}/review")
    ResponseEntity<ReviewResponse> review(@PathVariable String id, @Valid @RequestBody ReviewRequest request, CurrentUser user) {
        ReviewResponse review = service.review(id, user, request);
        return ResponseEntity.created(URI.create("/api/orders/" + review.orderId())).body(review);
    }
}
