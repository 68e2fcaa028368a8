package io.thriftstore.embeddedmongo;

import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The query planning mongo-java-server lacks and MongoDB has: a query that names an {@code _id} (a value or
 * {@code $in}) reads those documents through the {@code _id} index and checks its other conditions on them.
 * <p>
 * mongo-java-server uses an index only when the query's keys are exactly the index's keys, so
 * {@code {_id: x, version: 3}} (every guarded update of the services: a product's optimistic version, a
 * reservation's state move, the relays' "pending events left") scanned the whole collection under the
 * collection's lock: every order got slower as the reservations grew, and the relays queued behind the scans
 * (docs/PERFORMANCE.md, run 4). No setting or extension point of the library changes that; overriding its
 * collections' {@code queryDocuments} does, in the two backends below.
 */
final class IdLookup {

    private IdLookup() {
    }

    /**
     * The positions of the documents the query names by {@code _id}, or {@code null} when it does not name
     * them that way (no {@code _id}, only {@code _id}, which the library already serves from the index, or an
     * {@code _id} condition the index cannot answer, such as a range).
     */
    static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
        Document byId = idCondition(query);
        if (byId == null) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.canHandle(byId)) {
                return index.getPositions(byId);
            }
        }
        return null;
    }

    /**
     * {@code {_id: x, ...}} as Spring Data writes a criteria chain, or {@code {$and: [{_id: x}, ...]}} as the
     * driver's {@code Filters.and} does (platform-commons' MongoBuckets): either way every match has that
     * {@code _id}, and the caller still checks the whole query on each document.
     */
    private static Document idCondition(Document query) {
        if (query.containsKey("_id")) {
            return query.size() < 2 ? null : new Document("_id", query.get("_id"));
        }
        if (query.get("$and") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Document document && document.size() == 1 && document.containsKey("_id")) {
                    return new Document("_id", document.get("_id"));
                }
            }
        }
        return null;
    }
}
