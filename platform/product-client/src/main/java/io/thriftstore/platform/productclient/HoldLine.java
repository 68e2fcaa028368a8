package io.thriftstore.platform.productclient;

/** One line of a hold: a product id and how many. */
public record HoldLine(String productId, int quantity) {
}
