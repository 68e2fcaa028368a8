package io.thriftstore.platform.productclient;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * product-service answered the hold with a refusal (4xx problem+json): an answer about the order, not a failure,
 * so it was neither retried nor counted by the breaker. Nothing is held. What it means to the caller's own
 * client is the caller's to decide ({@link #reason()}: OUT_OF_STOCK, PRODUCT_NOT_FOUND, PRODUCT_ARCHIVED,
 * HOLD_ENDED, OWN_PRODUCT, SEVERAL_SELLERS; null when the body named none, e.g. a wrong service key).
 */
public class HoldRefusedException extends RuntimeException {

    /** An item product-service could not hold: {@code requested} is what was asked, {@code available} what it had. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ShortItem(String productId, String name, Integer requested, Integer available) {
    }

    private final int status;
    private final String reason;
    private final String detail;
    private final List<ShortItem> items;

    HoldRefusedException(int status, String reason, String detail, List<ShortItem> items) {
        super("product-service refused the hold (" + status + " " + reason + "): " + detail);
        this.status = status;
        this.reason = reason;
        this.detail = detail;
        this.items = items == null ? List.of() : List.copyOf(items);
    }

    /** The HTTP status product-service answered with. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** product-service's {@code detail}, written for the buyer. */
    public String detail() {
        return detail;
    }

    /** The short items of an OUT_OF_STOCK refusal; empty otherwise. */
    public List<ShortItem> items() {
        return items;
    }
}
