package io.thriftstore.consumer.savedsearch;

import java.net.URI;
import java.util.UUID;

import io.thriftstore.platform.auth.CurrentUser;
import io.thriftstore.platform.web.NotFoundException;

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

    private final SavedSearches searches;

    SavedSearchController(SavedSearches searches) {
        this.searches = searches;
    }

    /** 201 + Location for a new search; 200 with the existing one when the same search is saved again. */
    @PostMapping("/api/saved-searches")
    ResponseEntity<SavedSearch> save(@Valid @RequestBody SaveSearchRequest request, CurrentUser shopper) {
        SavedSearches.Saved saved = searches.save(shopper.id(), request);
        if (!saved.created()) {
            return ResponseEntity.ok(saved.search());
        }
        return ResponseEntity.created(URI.create("/api/saved-searches/" + saved.search().id())).body(saved.search());
    }

    @GetMapping("/api/saved-searches")
    SavedSearchList mine(CurrentUser shopper) {
        return new SavedSearchList(searches.of(shopper.id()));
    }

    @DeleteMapping("/api/saved-searches/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, CurrentUser shopper) {
        if (!searches.delete(shopper.id(), parse(id))) {
            throw new NotFoundException("No saved search " + id);
        }
    }

    /** A malformed id names no search: 404 like an unknown one, not a 400 that tells the two apart. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            throw new NotFoundException("No saved search " + id);
        }
    }
}
