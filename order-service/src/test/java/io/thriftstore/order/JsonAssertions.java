package io.thriftstore.order;

import io.thriftstore.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

final class JsonAssertions {

    private JsonAssertions() {
    }

    /** The order's latest history entry says it entered {@code status} by {@code by}. */
    static void lastHistory(Api.Response order, String status, String by) {
        JsonNode history = order.json().path("history");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("status").asString()).isEqualTo(status);
        assertThat(last.path("by").asString()).isEqualTo(by);
        assertThat(last.path("at").asString()).isNotBlank();
    }
}
