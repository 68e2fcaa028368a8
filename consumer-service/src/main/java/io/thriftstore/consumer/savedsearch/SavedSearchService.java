package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;
import io.thriftstore.platform.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shopper's saved searches: what makes a search worth saving, when it is the one saved already, how many one
 * shopper may keep, and that someone else's is answered as if it did not exist. {@link SavedSearchController} maps
 * HTTP onto it, {@link SavedSearches} runs the SQL.
 */
@Service
class SavedSearchService {

    /** DESIGN: at most 20 per user. */
    static final int PER_USER = 20;

    private final SavedSearches searches;
    private final Clock clock;

    SavedSearchService(SavedSearches searches) {
        this.searches = searches;
        this.clock = Clock.systemUTC();
    }

    record Saved(SavedSearch search, boolean created) {
    }

    /**
     * Saves a search for its owner. The same search saved again (same words in any order or case, same
     * category and maximum price) is the one already saved, not a second one that would announce every
     * match twice. One with no words (a {@code q} of punctuation alone counts as none), no category and no price
     * is a 400; the 21st is a 409.
     */
    @Transactional
    Saved save(String userId, SaveSearchRequest request) {
        Set<String> words = SearchWords.of(request.q());
        if (words.isEmpty() && request.category() == null && request.maxPrice() == null) {
            throw new BadRequestException("Give at least one of 'q' (with at least one word), 'category' or 'maxPrice'.");
        }
        BigDecimal maxPrice = request.maxPrice() == null ? null : request.maxPrice().setScale(2);
        // One user's saves one at a time: the count and the insert below cannot interleave with a
        // concurrent save of the same user (no 21st by a race). Other users are not held up.
        searches.lockOwner(userId);
        Optional<SavedSearch> same = searches.find(userId, words, request.category(), maxPrice);
        if (same.isPresent()) {
            return new Saved(same.get(), false);
        }
        if (searches.count(userId) >= PER_USER) {
            throw new ConflictException("You already have " + PER_USER + " saved searches; delete one to save another.");
        }
        String q = words.isEmpty() ? null : request.q().strip();
        SavedSearch search = new SavedSearch(UUID.randomUUID(), q, request.category(), maxPrice,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        searches.insert(userId, search, words);
        return new Saved(search, true);
    }

    /** Newest first. */
    List<SavedSearch> of(String userId) {
        return searches.of(userId);
    }

    /** 404 for someone else's search, an unknown one, or a malformed id alike: a 400 would tell them apart. */
    void delete(String userId, String id) {
        if (!searches.delete(userId, parse(id))) {
            throw new NotFoundException("No saved search " + id);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            throw new NotFoundException("No saved search " + id);
        }
    }
}
