package io.thriftstore.product.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The fixed categories of DESIGN section 5; on the wire (JSON, query parameters, events) they are lowercase. */
public enum Category {

    BOOKS, ELECTRONICS, FURNITURE, CLOTHING, KITCHEN, SPORTS, MUSIC, STATIONERY, OTHER;

    /** Every category as the client sees it, in the documented order. */
    public static final List<String> VALUES = Arrays.stream(values()).map(Category::value).toList();

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The client's spelling, so that validation messages list the values a client can send. */
    @Override
    public String toString() {
        return value();
    }

    static Optional<Category> fromValue(String value) {
        return Arrays.stream(values()).filter(category -> category.value().equals(value)).findFirst();
    }
}
