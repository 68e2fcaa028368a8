package io.thriftstore.consumer.savedsearch;

import java.math.BigDecimal;
import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.thriftstore.consumer.notify.Notice;
import io.thriftstore.consumer.notify.NotificationType;
import io.thriftstore.consumer.notify.Notifications;
import io.thriftstore.consumer.notify.Wording;
import io.thriftstore.platform.events.EventData;
import io.thriftstore.platform.events.EventEnvelope;
import io.thriftstore.platform.events.ProductEvent;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * NEW_MATCH: tells the owner of every saved search that a product (just listed, or back to ACTIVE)
 * matches, once per search and product, never the seller. Runs in the product listener's transaction:
 * the match records, the consumed-event record and the notifications' outbox rows commit together.
 */
@Component
public class NewMatches {

    /**
     * One statement finds the candidates through the indexes and records the matches. Searches with words
     * are reached only through saved_search_word rows of the product's own words (a search matches when
     * all its words were found); searches without words through their (category, max_price) index. The
     * insert into saved_search_match returns only the pairs not told before: the idempotency record and
     * the "who is told" list are the same rows.
     */
    private static final String MATCH = """
            WITH candidate AS (
                SELECT s.id FROM saved_search s
                WHERE s.word_count = 0 AND (s.category IS NULL OR s.category = ?) AND (s.max_price IS NULL OR s.max_price >= ?)
                  AND s.user_id <> ?
                UNION ALL
                SELECT s.id FROM saved_search_word w JOIN saved_search s ON s.id = w.search_id
                WHERE w.word = ANY (?) AND (s.category IS NULL OR s.category = ?) AND (s.max_price IS NULL OR s.max_price >= ?)
                  AND s.user_id <> ?
                GROUP BY s.id, s.word_count HAVING count(*) = s.word_count
            ), told AS (
                INSERT INTO saved_search_match (search_id, product_id) SELECT id, ? FROM candidate
                ON CONFLICT DO NOTHING RETURNING search_id
            )
            SELECT s.id, s.user_id, s.q, s.category, s.max_price FROM saved_search s JOIN told ON told.search_id = s.id
            ORDER BY s.user_id, s.id""";

    private final JdbcTemplate jdbc;
    private final Notifications notifications;

    NewMatches(JdbcTemplate jdbc, Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    private record Match(UUID searchId, String userId, String q, String category, BigDecimal maxPrice) {
    }

    /** Call for an ACTIVE product that was just created or has just become ACTIVE. */
    public void announce(EventEnvelope<? extends EventData> event, ProductEvent product) {
        if (!"ACTIVE".equals(product.status()) || product.price() == null) {
            return;
        }
        Set<String> words = SearchWords.of(product.name() + " " + (product.description() == null ? "" : product.description()));
        List<Match> matches = jdbc.execute((ConnectionCallback<List<Match>>) connection -> {
            Array wordArray = connection.createArrayOf("text", words.toArray());
            try {
                return jdbc.query(MATCH, (rs, rowNum) -> new Match(rs.getObject("id", UUID.class), rs.getString("user_id"),
                        rs.getString("q"), rs.getString("category"), rs.getBigDecimal("max_price")),
                        product.category(), product.price(), product.sellerId(),
                        wordArray, product.category(), product.price(), product.sellerId(), product.id());
            }
            finally {
                wordArray.free();
            }
        });
        String seller = Wording.person(product.sellerName(), "a seller");
        for (Match match : matches) {
            notifications.tellOnce(event, "new-match/" + match.searchId() + "/" + product.id(), new Notice(match.userId(),
                    NotificationType.NEW_MATCH, "New match: " + product.name(),
                    product.name() + " from " + seller + " (" + Wording.money(product.price(), product.currency())
                            + ") matches your saved search " + describe(match, product.currency()) + ".",
                    "/products/" + product.id()));
        }
    }

    /** {@code "brass lamp" in furniture up to 30.00 USD}: the search in the shopper's own words. */
    static String describe(String q, String category, BigDecimal maxPrice, String currency) {
        List<String> parts = new ArrayList<>();
        if (q != null) {
            parts.add("\u201C" + q + "\u201D");
        }
        if (category != null) {
            parts.add((parts.isEmpty() ? "" : "in ") + category);
        }
        if (maxPrice != null) {
            parts.add("up to " + Wording.money(maxPrice, currency));
        }
        return String.join(" ", parts);
    }

    private static String describe(Match match, String currency) {
        return describe(match.q(), match.category(), match.maxPrice(), currency);
    }
}
