package io.thriftstore.embeddedmongo;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of the H2 file {@link PlatformH2Backend} writes, and the one-time move out of the layout of the
 * library's own H2 backend (format 1: Java-serialised maps, what {@code ./thriftstore} wrote before).
 * <p>
 * Format 2 keeps the library's map names with {@link #SUFFIX} appended ({@code $} cannot be part of a MongoDB
 * collection name): {@code databases.<db>.<collection>$bson} holds the documents, keyed by {@code _id}, and
 * {@code <db>.<collection>._index_<index>$bson} each unique index, both typed with {@link BsonDataTypes}. The
 * library's {@code meta.<db>.<collection>} map stays as it is (string keys and long values, which H2 stores
 * natively). The map {@value #FORMAT_MAP} holds the format's version and which indexes were built completely.
 * <p>
 * Why new names rather than the old maps with new types: H2 does not record a map's types, so old maps read
 * with the new ones would be garbage, and the old index maps are sorted by their keys' serialised bytes, an
 * order no comparator of values reproduces. So a format-1 collection is copied into its format-2 map when it
 * is opened, and the old map is removed only after the copy is committed; its index maps are dropped and the
 * library rebuilds every index from the documents (indexes are derived data). An interrupted move is
 * repeated at the next start; nothing is removed before its replacement is stored.
 */
final class StoreFormat {

    static final int VERSION = 2;

    static final String SUFFIX = "$bson";

    /** Starts with {@code $}, which no database name can, so dropping a database never takes it along. */
    static final String FORMAT_MAP = "$thriftstore.format";

    private static final String VERSION_KEY = "version";

    /** Set once the library has filled an index map from every document, so a half-built one is rebuilt. */
    private static final String BUILT = "built:";

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    private StoreFormat() {
    }

    /** The store in {@code fileName} (or in memory for null), refused if a newer format wrote it. */
    static MVStore open(String fileName) {
        MVStore store = MVStore.open(fileName);
        MVMap<String, Object> format = store.openMap(FORMAT_MAP);
        Object version = format.get(VERSION_KEY);
        if (version instanceof Integer stored && stored > VERSION) {
            store.close();
            throw new IllegalStateException(fileName + " is in storage format " + stored + ", this build reads "
                + "up to format " + VERSION + ": update this checkout, or start with another data directory");
        }
        format.put(VERSION_KEY, VERSION);
        return store;
    }

    /** The collection's documents, moved out of its format-1 map if it has one. */
    static MVMap<Object, Document> openDocuments(MVStore store, String namespace) {
        MVMap<Object, Document> documents = store.openMap(documentsMap(namespace),
            new MVMap.Builder<Object, Document>().keyType(BsonDataTypes.Values.INSTANCE)
                .valueType(BsonDataTypes.Documents.INSTANCE));
        String legacyName = legacyDocumentsMap(namespace);
        if (store.hasMap(legacyName)) {
            MVMap<Object, Document> legacy = store.openMap(legacyName);
            int moved = 0;
            for (Map.Entry<Object, Document> entry : legacy.entrySet()) {
                // A document already in format 2 wins: the move was interrupted and is being repeated, or
                // an older build wrote the old map next to a newer file.
                if (documents.putIfAbsent(entry.getKey(), entry.getValue()) == null) {
                    moved++;
                }
            }
            store.commit();
            store.removeMap(legacy);
            store.commit();
            log.info("Moved {} documents of {} out of the Java-serialised format into BSON", moved, namespace);
        }
        return documents;
    }

    /**
     * A unique index's map: a format-1 one is dropped, and so is a format-2 one whose build did not finish,
     * so that the library, finding it empty, builds it from the documents.
     */
    static MVMap<KeyValue, Object> openIndex(MVStore store, String namespace, String indexName) {
        String legacyName = legacyIndexMap(namespace, indexName);
        if (store.hasMap(legacyName)) {
            store.removeMap(legacyName);
        }
        String name = indexMap(namespace, indexName);
        if (store.hasMap(name) && !formatMap(store).containsKey(BUILT + name)) {
            store.removeMap(name);
        }
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(BsonDataTypes.Keys.INSTANCE)
            .valueType(BsonDataTypes.Values.INSTANCE));
    }

    static void markBuilt(MVStore store, H2KeyIndex index) {
        formatMap(store).put(BUILT + index.map().getName(), 1);
    }

    static void removeIndex(MVStore store, String namespace, String indexName) {
        String name = indexMap(namespace, indexName);
        formatMap(store).remove(BUILT + name);
        store.removeMap(name);
    }

    static void removeDocuments(MVStore store, String namespace) {
        store.removeMap(documentsMap(namespace));
    }

    /** After the library removed the database's maps (by their name's prefix, which covers format 2's). */
    static void forgetDatabase(MVStore store, String databaseName) {
        MVMap<String, Object> format = formatMap(store);
        List<String> built = format.keySet().stream().filter(key -> key.startsWith(BUILT + databaseName + ".")).toList();
        built.forEach(format::remove);
    }

    /**
     * A renamed collection's maps under its new name; the live collection and its indexes keep the same map
     * objects. The library has just renamed the format-1 names, creating an empty map there, which goes.
     */
    static void renameCollection(MVStore store, String oldNamespace, String newNamespace, List<H2KeyIndex> indexes) {
        store.renameMap(store.openMap(documentsMap(oldNamespace)), documentsMap(newNamespace));
        String legacyName = legacyDocumentsMap(newNamespace);
        if (store.hasMap(legacyName) && store.openMap(legacyName).isEmpty()) {
            store.removeMap(legacyName);
        }
        MVMap<String, Object> format = formatMap(store);
        for (H2KeyIndex index : indexes) {
            String oldName = index.map().getName();
            String newName = indexMap(newNamespace, index.getName());
            store.renameMap(index.map(), newName);
            if (format.remove(BUILT + oldName) != null) {
                format.put(BUILT + newName, 1);
            }
        }
    }

    static String documentsMap(String namespace) {
        return legacyDocumentsMap(namespace) + SUFFIX;
    }

    static String indexMap(String namespace, String indexName) {
        return legacyIndexMap(namespace, indexName) + SUFFIX;
    }

    /** H2Database.openOrCreateCollection's name (1.47.0). */
    private static String legacyDocumentsMap(String namespace) {
        return "databases." + namespace;
    }

    /** H2Database.mapNameForIndex (1.47.0). */
    private static String legacyIndexMap(String namespace, String indexName) {
        return namespace + "._index_" + indexName;
    }

    private static MVMap<String, Object> formatMap(MVStore store) {
        return store.openMap(FORMAT_MAP);
    }
}
