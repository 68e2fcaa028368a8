package io.thriftstore.product;

import io.thriftstore.testing.Api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies for listing items, and a shortcut to list one. */
public final class Listings {

    private Listings() {
    }

    /** A valid request body; {@code overrides} replace (or, with a null value, remove) fields. */
    public static Map<String, Object> item(Object... overrides) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Desk lamp");
        body.put("description", "Brass, works fine");
        body.put("price", 12.5);
        body.put("category", "furniture");
        body.put("condition", "GOOD");
        body.put("quantity", 3);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                body.remove((String) overrides[i]);
            }
            else {
                body.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return body;
    }

    /** Lists an item as {@code seller} and returns its id. */
    public static String list(Api api, TestUser seller, Object... overrides) {
        Api.Response created = api.post("/api/products", seller.bearer(), item(overrides));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    public static List<String> ids(Api.Response page) {
        List<String> ids = new java.util.ArrayList<>();
        page.json().path("content").forEach(product -> ids.add(product.path("id").asString()));
        return ids;
    }
}
