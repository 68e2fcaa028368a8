package io.thriftstore.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The B-tree key order and the BSON types of the H2 maps, against the library's own key identity. */
class KeyOrderTest {

    private static final ObjectId OBJECT_ID = new ObjectId();

    /** Keys as the library's indexes hold them: normalised, some of them equal after normalisation. */
    private static List<KeyValue> keys() {
        Object[] values = {null, Missing.getInstance(), 1, 1L, 1.0, -0.0, 0, 2.5, Double.NaN,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, (1L << 53) + 1, (1L << 53) + 3, 1L << 53,
            Long.MAX_VALUE, Long.MIN_VALUE, "a", "b", "", "ä", new Document("a", 1).append("b", 2),
            new Document("b", 2).append("a", 1), new Document("a", 1), List.of(1, 2), List.of(1), List.of(),
            OBJECT_ID, new ObjectId(OBJECT_ID.toByteArray()), new ObjectId(), true, false,
            Instant.ofEpochMilli(5), Instant.ofEpochMilli(6), new BinData(new byte[] {1, 2}),
            new BinData(new byte[] {1, 2}), UUID.nameUUIDFromBytes(new byte[] {1}), new BsonTimestamp(7),
            MinKey.getInstance(), MaxKey.getInstance()};
        List<KeyValue> keys = new ArrayList<>();
        for (Object value : values) {
            keys.add(new KeyValue(value).normalized());
        }
        keys.add(new KeyValue(List.of("x", 1)).normalized());
        keys.add(new KeyValue(List.of("x", 1.0)).normalized());
        keys.add(new KeyValue(List.of("x", 2)).normalized());
        return keys;
    }

    @Test
    void twoKeysCompareAsEqualExactlyWhenTheLibraryTakesThemForTheSameKey() {
        List<KeyValue> keys = keys();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int c = KeyOrder.INSTANCE.compareKeys(a, b);
                assertThat(c == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(c)).as("%s vs %s", a, b)
                    .isEqualTo(-Integer.signum(KeyOrder.INSTANCE.compareKeys(b, a)));
            }
        }
    }

    @Test
    void theOrderIsTransitive() {
        List<KeyValue> keys = keys();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                for (KeyValue c : keys) {
                    if (KeyOrder.INSTANCE.compareKeys(a, b) <= 0 && KeyOrder.INSTANCE.compareKeys(b, c) <= 0) {
                        assertThat(KeyOrder.INSTANCE.compareKeys(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
                    }
                }
            }
        }
    }

    @Test
    void numbersAreOneKeyPerValueWhateverTheirJavaType() {
        assertThat(KeyOrder.INSTANCE.compare(1, 1.0)).isZero();
        assertThat(KeyOrder.INSTANCE.compare(1L, 1)).isZero();
        assertThat(KeyOrder.INSTANCE.compare(Decimal128.ONE, 1.0)).isZero();
        assertThat(KeyOrder.INSTANCE.compare((1L << 53) + 1, (double) (1L << 53))).isPositive();
        assertThat(KeyOrder.INSTANCE.compare(Double.NaN, Double.NEGATIVE_INFINITY)).isNegative();
        assertThat(KeyOrder.INSTANCE.compare(null, Missing.getInstance())).isZero();
        assertThat(KeyOrder.INSTANCE.compare(2, "1")).as("numbers before strings").isNegative();
    }

    @Test
    void keysAndPositionsReadBackAsTheyWereWritten() {
        Object[] positions = {"p1", 7, 7L, 7.5, OBJECT_ID, new Document("k", List.of(1, "two")), null,
            Missing.getInstance(), Instant.ofEpochMilli(42), true, UUID.randomUUID(), Decimal128.TWO,
            new BinData(new byte[] {9})};
        for (Object position : positions) {
            Object read = roundTrip(BsonDataTypes.Values.INSTANCE::write, BsonDataTypes.Values.INSTANCE::read, position);
            assertThat(read).isEqualTo(position);
            if (position != null) {
                assertThat(read).hasSameClassAs(position);
            }
        }
        KeyValue key = new KeyValue(List.of("x", 2.0, OBJECT_ID));
        assertThat(roundTrip(BsonDataTypes.Keys.INSTANCE::write, BsonDataTypes.Keys.INSTANCE::read, key)).isEqualTo(key);
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add("y");
        KeyValue sparse = new KeyValue(withNull);
        assertThat(roundTrip(BsonDataTypes.Keys.INSTANCE::write, BsonDataTypes.Keys.INSTANCE::read, sparse)).isEqualTo(sparse);
    }

    @Test
    void documentsReadBackWithTheirFieldsTypesAndOrder() {
        Document document = new Document("_id", OBJECT_ID).append("version", 3).append("count", 4L)
            .append("price", 9.5).append("tags", List.of("a", "b")).append("nested", new Document("z", 1).append("a", null))
            .append("at", Instant.ofEpochMilli(1_700_000_000_000L));
        Document read = roundTrip(BsonDataTypes.Documents.INSTANCE::write, BsonDataTypes.Documents.INSTANCE::read, document);
        assertThat(read).isEqualTo(document);
        assertThat(new ArrayList<>(read.keySet())).containsExactlyElementsOf(document.keySet());
        assertThat(read.get("version")).isInstanceOf(Integer.class);
        assertThat(read.get("count")).isInstanceOf(Long.class);
    }

    /** Two values back to back in one buffer, as in an H2 page: each read must stop where its value ends. */
    private static <T> T roundTrip(java.util.function.BiConsumer<WriteBuffer, T> write,
                                   java.util.function.Function<ByteBuffer, T> read, T value) {
        WriteBuffer buffer = new WriteBuffer();
        write.accept(buffer, value);
        write.accept(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        T first = read.apply(bytes);
        T second = read.apply(bytes);
        assertThat(bytes.remaining()).isZero();
        assertThat(second).isEqualTo(first);
        return first;
    }
}
