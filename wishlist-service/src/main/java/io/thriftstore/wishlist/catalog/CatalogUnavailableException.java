package io.thriftstore.wishlist.catalog;

/** product-service did not answer in time, or answered with something other than a product or a 404. */
public class CatalogUnavailableException extends RuntimeException {

    CatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
