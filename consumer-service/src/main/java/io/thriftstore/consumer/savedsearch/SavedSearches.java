package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.thriftstore.platform.web.BadRequestException;
import io.thriftstore.platform.web.ConflictException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The shoppers' saved searches and their word index (saved_search, saved_search_word). */
@Repository
class SavedSearches {

    /** DESIGN: at most 20 per user. */
    static final int PER_USER = 20;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SavedSearches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    record Saved(SavedSearch search, boolean created) {
    }

    /**
     * Saves a search for its owner. The same search saved again (same words in any order or case, same
     * category and maximum price) is the one already saved, not a second one that would announce every
     * match twice. The 21st is a 409.
     */
    @Transactional
    Saved save(String userId, SaveSearchRequest request) {
        Set<String> words = SearchWords.of(request.q());
        if (words.isEmpty() && request.category() == null && request.maxPrice() == null) {
            throw new BadRequestException("Give at least one of 'q' (with at least one word), 'category' or 'maxPrice'.");
        }
        String key = String.join(" ", words);
        BigDecimal maxPrice = request.maxPrice() == null ? null : request.maxPrice().setScale(2);
        // One user's saves one at a time: the count and the insert below cannot interleave with a
        // concurrent save of the same user (no 21st by a race). Other users are not held up.
        jdbc.queryForList("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 19))) lock",
                Integer.class, "saved-search:" + userId);
        Optional<SavedSearch> same = jdbc.query("""
                SELECT id, q, category, max_price, created_at FROM saved_search
                WHERE user_id = ? AND words = ? AND category IS NOT DISTINCT FROM ? AND max_price IS NOT DISTINCT FROM ?""",
                SavedSearches::row, userId, key, request.category(), maxPrice).stream().findFirst();
        if (same.isPresent()) {
            return new Saved(same.get(), false);
        }
        Integer count = jdbc.queryForObject("SELECT count(*) FROM saved_search WHERE user_id = ?", Integer.class, userId);
        if (count != null && count >= PER_USER) {
            throw new ConflictException("You already have " + PER_USER + " saved searches; delete one to save another.");
        }
        String q = words.isEmpty() ? null : request.q().strip();
        SavedSearch search = new SavedSearch(UUID.randomUUID(), q, request.category(), maxPrice,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        jdbc.update("""
                INSERT INTO saved_search (id, user_id, q, category, max_price, words, word_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                search.id(), userId, search.q(), search.category(), search.maxPrice(), key, words.size(),
                Timestamp.from(search.createdAt()));
        jdbc.batchUpdate("INSERT INTO saved_search_word (word, search_id) VALUES (?, ?)",
                words.stream().map(word -> new Object[] {word, search.id()}).toList());
        return new Saved(search, true);
    }

    List<SavedSearch> of(String userId) {
        return jdbc.query("""
                SELECT id, q, category, max_price, created_at FROM saved_search WHERE user_id = ?
                ORDER BY created_at DESC, id""", SavedSearches::row, userId);
    }

    /** @return false when the user has no such search (someone else's, or none at all) */
    boolean delete(String userId, UUID id) {
        return jdbc.update("DELETE FROM saved_search WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    private static SavedSearch row(ResultSet rs, int rowNum) throws SQLException {
        return new SavedSearch(rs.getObject("id", UUID.class), rs.getString("q"), rs.getString("category"),
                rs.getBigDecimal("max_price"), rs.getTimestamp("created_at").toInstant());
    }
}
