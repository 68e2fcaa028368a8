package io.thriftstore.consumer.savedsearch;

/**
 * The fixed categories of DESIGN (product-service owns them; they are a constant of the contract, so a
 * copy here saves asking product-service on every save).
 */
final class Categories {

    static final String PATTERN = "books|electronics|furniture|clothing|kitchen|sports|music|stationery|other";
    static final String LIST = "books, electronics, furniture, clothing, kitchen, sports, music, stationery, other";

    private Categories() {
    }
}
