package io.thriftstore.product.inventory;

import io.thriftstore.platform.web.ProblemTypes;
import org.springframework.http.HttpStatus;

import java.net.URI;

import java.util.List;

/**
 * A hold that was not made, and nothing held for it. {@code reason} is what order-service matches on (the
 * problem's {@code reason} property); {@code items} name the products concerned.
 */
class HoldRefused extends RuntimeException {

    enum Reason {
        OUT_OF_STOCK(HttpStatus.CONFLICT, ProblemTypes.SOLD_OUT),
        PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND),
        PRODUCT_ARCHIVED(HttpStatus.CONFLICT, ProblemTypes.CONFLICT),
        OWN_PRODUCT(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN),
        SEVERAL_SELLERS(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION),
        /** The order id was held before and that hold has ended (expired, or its order ended). */
        HOLD_ENDED(HttpStatus.CONFLICT, ProblemTypes.CONFLICT),
        /** The caller is not order-service. */
        SERVICE_ONLY(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN);

        final HttpStatus status;
        final URI type;

        Reason(HttpStatus status, URI type) {
            this.status = status;
            this.type = type;
        }
    }

    /** {@code requested} and {@code available} only for OUT_OF_STOCK. */
    record Item(String productId, String name, Integer requested, Integer available) {
    }

    private final Reason reason;
    private final List<Item> items;

    HoldRefused(Reason reason, String detail, List<Item> items) {
        super(detail);
        this.reason = reason;
        this.items = List.copyOf(items);
    }

    Reason reason() {
        return reason;
    }

    List<Item> items() {
        return items;
    }
}
