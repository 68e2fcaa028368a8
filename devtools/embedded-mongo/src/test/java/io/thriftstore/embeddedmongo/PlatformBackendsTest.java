package io.thriftstore.embeddedmongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.size;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the services rely on from the embedded MongoDB, on both backends, through the real driver. */
class PlatformBackendsTest {

    @TempDir
    static Path files;

    static Stream<Arguments> backends() {
        Supplier<MongoBackend> memory = PlatformMemoryBackend::new;
        Supplier<MongoBackend> h2 = () -> new PlatformH2Backend(files.resolve("h2-" + System.nanoTime() + ".mv").toString());
        return Stream.of(Arguments.of("memory", memory), Arguments.of("h2", h2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void answersHelloAsAWritablePrimary(String name, Supplier<MongoBackend> backend) {
        try (RunningMongo mongo = RunningMongo.on(backend.get())) {
            Document answer = mongo.client().getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(answer.getBoolean("isWritablePrimary")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aGuardedUpdateChangesTheNamedDocumentOnlyWhileItsGuardHolds(String name, Supplier<MongoBackend> backend) {
        try (RunningMongo mongo = RunningMongo.on(backend.get())) {
            MongoCollection<Document> products = mongo.collection();
            for (int i = 0; i < 50; i++) {
                products.insertOne(new Document("_id", "p" + i).append("version", 1).append("quantity", 10));
            }

            // The optimistic write of ProductStock: {_id, version}.
            assertThat(products.updateOne(and(eq("_id", "p7"), eq("version", 1)),
                    Updates.combine(Updates.set("version", 2), Updates.inc("quantity", -1))).getModifiedCount()).isOne();
            assertThat(products.updateOne(and(eq("_id", "p7"), eq("version", 1)),
                    Updates.set("version", 3)).getModifiedCount()).isZero();

            assertThat(products.find(eq("_id", "p7")).first()).containsEntry("version", 2).containsEntry("quantity", 9);

            // The same guard as Spring Data sends it (one document rather than the driver's $and).
            Document guard = new Document("_id", "p8").append("version", 1);
            assertThat(products.updateOne(guard, Updates.set("version", 2)).getModifiedCount()).isOne();
            assertThat(products.updateOne(guard, Updates.set("version", 3)).getModifiedCount()).isZero();
            assertThat(products.countDocuments(eq("version", 2))).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void queriesNamingIdsStillApplyEveryOtherCondition(String name, Supplier<MongoBackend> backend) {
        try (RunningMongo mongo = RunningMongo.on(backend.get())) {
            MongoCollection<Document> documents = mongo.collection();
            documents.insertOne(new Document("_id", 1).append("pending", List.of("e1")).append("since", 5));
            documents.insertOne(new Document("_id", 2).append("pending", List.of()));
            documents.insertOne(new Document("_id", 3).append("pending", List.of("e2", "e3")).append("since", 7));
            documents.insertOne(new Document("_id", 4).append("pending", List.of("e4")).append("since", 9));

            // The woken relay pass: these ids, if they still have something pending.
            assertThat(ids(documents.find(and(in("_id", 1, 2, 3, 99), gte("since", 0))).sort(Sorts.ascending("_id"))))
                    .containsExactly(1, 3);
            // The relay's "nothing left" clean-up.
            assertThat(documents.updateOne(and(eq("_id", 2), size("pending", 0)), Updates.unset("since"))
                    .getMatchedCount()).isOne();
            assertThat(documents.updateOne(and(eq("_id", 3), size("pending", 0)), Updates.unset("since"))
                    .getMatchedCount()).isZero();
            // An _id range is not a lookup: still answered, by a scan.
            assertThat(ids(documents.find(and(gte("_id", 3), gte("since", 0))).sort(Sorts.ascending("_id"))))
                    .containsExactly(3, 4);
            assertThat(documents.find(and(eq("_id", 99), gte("since", 0))).first()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void anUpsertNamingAnIdAndAGuardInsertsWhenNothingMatches(String name, Supplier<MongoBackend> backend) {
        try (RunningMongo mongo = RunningMongo.on(backend.get())) {
            MongoCollection<Document> leases = mongo.collection();
            leases.updateOne(and(eq("_id", "relay"), eq("holder", "a")), Updates.set("until", 1),
                    new UpdateOptions().upsert(true));

            assertThat(leases.find(eq("_id", "relay")).first()).containsEntry("holder", "a").containsEntry("until", 1);
        }
    }

    private static List<Object> ids(Iterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
