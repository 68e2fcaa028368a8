package io.thriftstore.consumer.savedsearch;

import java.net.URI;

import io.thriftstore.platform.auth.CurrentUser;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A shopper's saved searches: their own only; someone else's is a 404, as if it did not exist. */
@RestController
class SavedSearchController {

    private final SavedSearchService searches;

    SavedSearchController(SavedSearchService searches) {
        this.searches = searches;
    }

    /** 201 + Location for a new search; 200 with the existing one when the same search is saved again. */
    @PostMapping("/api/saved-searches")
    ResponseEntity<SavedSearch> save(@Valid @RequestBody SaveSearchRequest request, CurrentUser shopper) {
        SavedSearchService.Saved saved = searches.save(shopper.id(), request);
        if (!saved.created()) {
            return ResponseEntity.ok(saved.search());
        }
        return ResponseEntity.created(URI.create("/api/saved-searches/" + saved.search().id())).body(saved.search());
    }

    @GetMapping("/api/saved-searches")
    SavedSearchList mine(CurrentUser shopper) {
        return new SavedSearchList(searches.of(shopper.id()));
    }

    /** 404 for someone else's, an unknown or a malformed id ({@link SavedSearchService#delete}). */
    @DeleteMapping("/api/saved-searches/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, CurrentUser shopper) {
        searches.delete(shopper.id(), id);
    }
}
