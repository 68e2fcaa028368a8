package io.thriftstore.embeddedmongo;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file: what the library's own backend wrote stays readable, and what this one writes survives restarts. */
class PlatformH2BackendTest {

    private static final int DUPLICATE_KEY = 11000;

    @TempDir
    Path files;

    private final ObjectId objectId = new ObjectId();

    private final List<Document> stored = List.of(
        new Document("_id", "kept").append("title", "Vintage lamp").append("sku", "L-1").append("version", 3),
        new Document("_id", 7).append("sku", "C-7").append("tags", List.of("oak", "chair"))
            .append("seller", new Document("id", "u1").append("rating", 4.5)),
        new Document("_id", objectId).append("sku", "B-1").append("at", Date.from(Instant.ofEpochMilli(1_700_000_000_000L))),
        new Document("_id", (1L << 53) + 1).append("sku", "X-1"),
        new Document("_id", (double) (1L << 53)).append("sku", "X-2"),
        new Document("_id", "no-sku"));

    @Test
    void movesWhatTheLibrarysOwnH2BackendStoredIntoBsonAndKeepsItsUniqueIndexes() {
        String file = files.resolve("stock.mv").toString();
        try (RunningMongo mongo = RunningMongo.on(new H2Backend(file))) {
            mongo.collection().createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true).sparse(true));
            mongo.collection().insertMany(stored);
        }

        for (int start = 1; start <= 2; start++) {
            try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
                MongoCollection<Document> things = mongo.collection();
                assertThat(things.countDocuments()).as("start %d", start).isEqualTo(stored.size() + start - 1);
                for (Document document : stored) {
                    assertThat(things.find(eq("_id", document.get("_id"))).first()).isEqualTo(document);
                }
                assertDuplicateKey(things, new Document("_id", 7.0).append("sku", "new"));
                assertDuplicateKey(things, new Document("_id", 7L));
                assertDuplicateKey(things, new Document("_id", objectId));
                assertDuplicateKey(things, new Document("_id", "other").append("sku", "C-7"));
                things.insertOne(new Document("_id", (1L << 53) + 2 + start).append("sku", "ok-" + start));
            }
        }

        try (MVStore store = MVStore.open(file)) {
            assertThat(store.getMapNames()).contains("databases.thriftstore.things$bson")
                .doesNotContain("databases.thriftstore.things", "thriftstore.things._index__id_",
                    "thriftstore.things._index_sku_1");
        }
    }

    /**
     * H2's background writer serializes the stored documents on its own thread. The library used to apply an
     * update to the very instance the store held, and an update racing the writer closed the store for good
     * (a fault drill). The instance the store held before an update must stay as it was.
     */
    @Test
    void anUpdateLeavesTheInstanceTheStoreHeldUntouched() {
        PlatformH2Backend backend = new PlatformH2Backend(files.resolve("in-place.mv").toString());
        try (RunningMongo mongo = RunningMongo.on(backend)) {
            MongoCollection<Document> things = mongo.collection();
            things.insertOne(new Document("_id", "lamp").append("quantity", 2)
                .append("pendingEvents", new ArrayList<>(List.of(new Document("eventId", "e0")))));
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents =
                StoreFormat.openDocuments(backend.store(), "thriftstore.things");
            de.bwaldvogel.mongo.bson.Document held = documents.get("lamp");
            de.bwaldvogel.mongo.bson.Document asItWas = held.cloneDeeply();

            things.updateOne(eq("_id", "lamp"), Updates.combine(Updates.inc("quantity", -1),
                Updates.push("pendingEvents", new Document("eventId", "e1"))));
            things.findOneAndUpdate(eq("quantity", 1), Updates.pull("pendingEvents", new Document("eventId", "e0")));

            assertThat(held).as("the instance the store held before the updates").isEqualTo(asItWas);
            assertThat(things.find(eq("_id", "lamp")).first()).isEqualTo(new Document("_id", "lamp")
                .append("quantity", 1).append("pendingEvents", List.of(new Document("eventId", "e1"))));
        }
    }

    @Test
    void documentsAndUniqueIndexesSurviveARestart() {
        String file = files.resolve("restart.mv").toString();
        try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
            mongo.collection().createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true).sparse(true));
            mongo.collection().insertMany(stored);
            mongo.collection().updateOne(eq("_id", "kept"), new Document("$inc", new Document("version", 1)));
        }

        try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
            MongoCollection<Document> things = mongo.collection();
            assertThat(things.countDocuments()).isEqualTo(stored.size());
            assertThat(things.find(eq("_id", "kept")).first()).containsEntry("version", 4);
            assertDuplicateKey(things, new Document("_id", 7.0));
            assertDuplicateKey(things, new Document("_id", "other").append("sku", "L-1"));
            assertThat(mongo.client().getDatabase("thriftstore").runCommand(new Document("collStats", "things"))
                .get("size", Number.class).intValue()).isPositive();
        }
    }

    @Test
    void anIndexWhoseBuildDidNotFinishIsRebuiltFromTheDocuments() {
        String file = files.resolve("interrupted.mv").toString();
        try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
            mongo.collection().insertMany(stored);
        }
        String idIndex = StoreFormat.indexMap("thriftstore.things", "_id_");
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> index = store.openMap(idIndex, new MVMap.Builder<KeyValue, Object>()
                .keyType(BsonDataTypes.Keys.INSTANCE).valueType(BsonDataTypes.Values.INSTANCE));
            assertThat(index.remove(new KeyValue(7.0))).isEqualTo(7);
            store.openMap(StoreFormat.FORMAT_MAP).remove("built:" + idIndex);
        }

        try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
            assertDuplicateKey(mongo.collection(), new Document("_id", 7));
        }
    }

    @Test
    void aDroppedCollectionComesBackEmptyAndARenamedOneKeepsItsDocumentsAndIndexes() {
        String file = files.resolve("drop.mv").toString();
        try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
            mongo.collection().insertMany(stored);
            mongo.collection().drop();
            mongo.collection().insertOne(new Document("_id", 7).append("again", true));
            mongo.collection("old").createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true).sparse(true));
            mongo.collection("old").insertMany(stored);
            mongo.collection("old").renameCollection(new MongoNamespace("thriftstore", "renamed"));
        }

        try (RunningMongo mongo = RunningMongo.on(new PlatformH2Backend(file))) {
            assertThat(mongo.collection().find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", 7).append("again", true));
            MongoCollection<Document> renamed = mongo.collection("renamed");
            assertThat(renamed.countDocuments()).isEqualTo(stored.size());
            assertDuplicateKey(renamed, new Document("_id", "kept"));
            assertDuplicateKey(renamed, new Document("_id", "other").append("sku", "C-7"));
            assertThat(mongo.collection("old").countDocuments()).isZero();
        }
    }

    @Test
    void refusesAFileWrittenInANewerFormat() {
        String file = files.resolve("newer.mv").toString();
        try (MVStore store = MVStore.open(file)) {
            store.<String, Object>openMap(StoreFormat.FORMAT_MAP).put("version", StoreFormat.VERSION + 1);
        }

        assertThatThrownBy(() -> new PlatformH2Backend(file)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("storage format " + (StoreFormat.VERSION + 1));
    }

    private static void assertDuplicateKey(MongoCollection<Document> collection, Document document) {
        assertThatThrownBy(() -> collection.insertOne(document)).isInstanceOfSatisfying(MongoWriteException.class,
            e -> assertThat(e.getError().getCode()).isEqualTo(DUPLICATE_KEY));
    }
}
