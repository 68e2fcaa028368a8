package io.thriftstore.product.archfixture;

/** A class of "another service" for {@code ArchitectureRulesTests}. */
public record Listing(String id) {
}
