package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The shoppers' saved searches and their word index (saved_search, saved_search_word): SQL only, the rules are
 * {@link SavedSearchService}'s.
 */
@Repository
class SavedSearches {

    private final JdbcTemplate jdbc;

    SavedSearches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds {@code userId}'s saves back until the caller's transaction ends (a transaction-scoped advisory lock), so
     * that what the caller reads and writes meanwhile cannot interleave with another save of the same user.
     */
    void lockOwner(String userId) {
        jdbc.queryForList("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 19))) lock",
                Integer.class, "saved-search:" + userId);
    }

    /** The user's search with these words (any order), category and price, if there is one. */
    Optional<SavedSearch> find(String userId, Set<String> words, String category, BigDecimal maxPrice) {
        return jdbc.query("""
                SELECT id, q, category, max_price, created_at FROM saved_search
                WHERE user_id = ? AND words = ? AND category IS NOT DISTINCT FROM ? AND max_price IS NOT DISTINCT FROM ?""",
                SavedSearches::row, userId, key(words), category, maxPrice).stream().findFirst();
    }

    int count(String userId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM saved_search WHERE user_id = ?", Integer.class, userId);
        return count == null ? 0 : count;
    }

    /** Inserts the search and its word index; {@code words} are {@link SearchWords} of its {@code q}. */
    void insert(String userId, SavedSearch search, Set<String> words) {
        jdbc.update("""
                INSERT INTO saved_search (id, user_id, q, category, max_price, words, word_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                search.id(), userId, search.q(), search.category(), search.maxPrice(), key(words), words.size(),
                Timestamp.from(search.createdAt()));
        jdbc.batchUpdate("INSERT INTO saved_search_word (word, search_id) VALUES (?, ?)",
                words.stream().map(word -> new Object[] {word, search.id()}).toList());
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

    /** The same words in any order or case are one key: {@link SearchWords} gives them sorted and lower-cased. */
    private static String key(Set<String> words) {
        return String.join(" ", words);
    }
}
