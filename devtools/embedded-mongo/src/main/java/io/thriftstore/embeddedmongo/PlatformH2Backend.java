package io.thriftstore.embeddedmongo;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend (what {@code ./thriftstore} stores MongoDB's data in) with
 * {@link Hello}, {@link IdLookup} and its maps stored as BSON ({@link StoreFormat}, {@link BsonDataTypes})
 * rather than by Java serialization.
 */
public final class PlatformH2Backend extends H2Backend {

    /** A file in format 1 (the library's own) is moved into format 2 as its databases are opened. */
    public PlatformH2Backend(String fileName) {
        super(StoreFormat.open(fileName));
    }

    /** The H2 store, for tests that look at what it holds. */
    MVStore store() {
        return getMvStore();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return Hello.answer(command, name -> super.handleCommand(channel, databaseName, name, query));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class: H2Database's constructor opens the stored collections before a field of this class
     * could be set, while the backend (and its store) is there already. The overrides put the documents and
     * unique indexes into StoreFormat's maps; H2Database's own methods still run for the library's
     * bookkeeping and its {@code meta.} maps.
     */
    private final class Database extends H2Database {

        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            MVMap<Object, Document> documents = StoreFormat.openDocuments(store, namespace);
            MVMap<String, Object> meta = store.openMap("meta." + namespace);
            return new Collection(this, collectionName, options, documents, meta, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVMap<KeyValue, Object> map = StoreFormat.openIndex(getMvStore(),
                getFullCollectionNamespace(collectionName), indexName);
            return new H2KeyIndex(indexName, map, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            StoreFormat.removeIndex(getMvStore(), getFullCollectionNamespace(collection.getCollectionName()), indexName);
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            StoreFormat.removeDocuments(getMvStore(), getFullCollectionNamespace(collectionName));
        }

        @Override
        public void drop(Oplog oplog) {
            super.drop(oplog);
            StoreFormat.forgetDatabase(getMvStore(), getDatabaseName());
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldNamespace = collection.getFullName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            List<H2KeyIndex> indexes = collection.getIndexes().stream()
                .filter(H2KeyIndex.class::isInstance).map(H2KeyIndex.class::cast).toList();
            StoreFormat.renameCollection(getMvStore(), oldNamespace, getFullCollectionNamespace(newCollectionName),
                indexes);
        }
    }

    private final class Collection extends H2Collection {

        private final MVMap<Object, Document> documents;

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
                   MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, name, options, documents, meta, cursorRegistry);
            this.documents = documents;
        }

        /**
         * Unprojected results are copies. The library updates a document by changing, in place, the instance
         * this query returned, and H2's map hands out the very instance it stores; its background writer
         * serializes stored instances on its own thread. An update racing that serialization threw a
         * ConcurrentModificationException in the writer, which closed the store for good (a fault drill,
         * 2026-12-07). Projected results are new documents already.
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Iterable<Object> named = IdLookup.positions(getIndexes(), query);
            QueryResult found = named == null
                ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                : matchDocuments(query, named, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            if (fieldSelector != null && !fieldSelector.isEmpty()) {
                return found;
            }
            List<Document> copies = new ArrayList<>();
            for (Document document : found) {
                copies.add(document.cloneDeeply());
            }
            return new QueryResult(copies, found.getCursorId());
        }

        @Override
        public void addIndex(Index<Object> index) {
            super.addIndex(index);
            if (index instanceof H2KeyIndex built) {
                StoreFormat.markBuilt(getMvStore(), built);
            }
        }

        /**
         * The library keeps a running data size by BSON-encoding the document before and after every write
         * (into a fresh buffer, twice per update) and rewriting the {@code dataSize} entry of the
         * {@code meta.} map. Only collStats and validate read it, so it is computed when they ask.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected int getDataSize() {
            if (documents == null) {
                // H2Collection's constructor logs the stored size before this class has its field.
                return super.getDataSize();
            }
            long size = 0;
            for (Document document : documents.values()) {
                size += BsonDataTypes.sizeOf(document);
            }
            return (int) Math.min(size, Integer.MAX_VALUE);
        }
    }
}
