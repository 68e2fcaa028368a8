package io.thriftstore.consumer.savedsearch;

import java.util.List;

/** {@code GET /api/saved-searches}: the caller's own, newest first (at most 20, so not paged). */
record SavedSearchList(List<SavedSearch> items) {
}
