package io.thriftstore.embeddedmongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The order of the H2 B-trees' keys: the documents' {@code _id}s and the unique indexes' {@link KeyValue}s.
 * <p>
 * A B-tree finds a key by this order alone, so "compares as 0" is what "the same key" means: it must hold
 * exactly when the library's unique indexes take two keys for the same. They store keys normalised
 * ({@code Utils.normalizeValue}: every number a {@code Double}, except a {@code Long} a double cannot hold;
 * {@code -0.0} as {@code 0.0}; missing as {@code null}) and compare them with {@code KeyValue.equals}: element
 * by element, documents with their fields in order. Here numbers compare by their exact value (so 1, 1L and
 * 1.0 are one key, as after normalisation, and two longs beyond 2^53 stay two keys), documents field by field
 * in order, arrays element by element, the rest by their own value; types in MongoDB's order of BSON types.
 * <p>
 * Not the library's {@code ValueComparator}: that is a sort order for query results and coarser than key
 * identity (mixed numbers through {@code double}, arrays by their smallest element).
 */
final class KeyOrder implements Comparator<Object> {

    static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    int compareKeys(KeyValue a, KeyValue b) {
        int size = Math.min(a.size(), b.size());
        for (int i = 0; i < size; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        if (a == null || a instanceof Missing || a instanceof MinKey || a instanceof MaxKey) {
            return 0;
        }
        if (a instanceof Number n) {
            return compareNumbers(n, (Number) b);
        }
        if (a instanceof String s) {
            return s.compareTo((String) b);
        }
        if (a instanceof Map<?, ?> m) {
            return compareDocuments(m, (Map<?, ?>) b);
        }
        if (a instanceof Collection<?> c) {
            return compareArrays(c, (Collection<?>) b);
        }
        if (a instanceof ObjectId id) {
            return id.compareTo((ObjectId) b);
        }
        if (a instanceof Boolean bool) {
            return Boolean.compare(bool, (Boolean) b);
        }
        if (a instanceof BsonTimestamp ts) {
            return ts.compareTo((BsonTimestamp) b);
        }
        if (a instanceof BsonRegularExpression regex) {
            return compareRegex(regex, (BsonRegularExpression) b);
        }
        if (a instanceof BsonJavaScript js) {
            return js.getCode().compareTo(((BsonJavaScript) b).getCode());
        }
        return compareSameRank(a, b);
    }

    /** Binary values and dates, each of which has more than one Java type. */
    private static int compareSameRank(Object a, Object b) {
        if (rank(a) == DATE) {
            return Long.compare(millis(a), millis(b));
        }
        int subtype = Integer.compare(binarySubtype(a), binarySubtype(b));
        if (subtype != 0) {
            return subtype;
        }
        if (a instanceof BinData data) {
            return data.compareTo((BinData) b);
        }
        if (a instanceof LegacyUUID uuid) {
            return uuid.compareTo((LegacyUUID) b);
        }
        return ((UUID) a).compareTo((UUID) b);
    }

    private static final int DATE = 9;

    /** MongoDB's comparison order of BSON types, by rank (1: null and missing, handled before). */
    private static final Class<?>[][] TYPE_ORDER = {
        {MinKey.class}, {}, {Number.class}, {String.class}, {Map.class}, {Collection.class},
        {BinData.class, LegacyUUID.class, UUID.class}, {ObjectId.class}, {Boolean.class},
        {Instant.class, Date.class}, {BsonTimestamp.class}, {BsonRegularExpression.class},
        {BsonJavaScript.class}, {MaxKey.class}};

    /** MongoDB's comparison order of BSON types. */
    private static int rank(Object value) {
        if (value == null || value instanceof Missing) {
            return 1;
        }
        // The usual keys first: _ids and unique fields are strings, ObjectIds and numbers.
        if (value instanceof String) {
            return 3;
        }
        if (value instanceof ObjectId) {
            return 7;
        }
        if (value instanceof Number) {
            return 2;
        }
        for (int rank = 0; rank < TYPE_ORDER.length; rank++) {
            for (Class<?> type : TYPE_ORDER[rank]) {
                if (type.isInstance(value)) {
                    return rank;
                }
            }
        }
        // Keys come from BSON documents, so this is a bug, and a loud one beats a silently wrong index.
        throw unsupported(value);
    }

    private static int binarySubtype(Object value) {
        return value instanceof BinData ? 0 : value instanceof LegacyUUID ? 3 : 4;
    }

    private static long millis(Object date) {
        return date instanceof Instant instant ? instant.toEpochMilli() : ((Date) date).getTime();
    }

    private static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (isBinaryFloatingPoint(a) && isBinaryFloatingPoint(b)) {
            return compareDoubles(a.doubleValue(), b.doubleValue());
        }
        if (a instanceof Decimal128 x && b instanceof Decimal128 y) {
            return x.compareTo(y);
        }
        // Mixed kinds: by exact value, NaN below every number as in MongoDB.
        BigDecimal x = exact(a);
        BigDecimal y = exact(b);
        if (x == null || y == null) {
            return compareDoubles(a.doubleValue(), b.doubleValue());
        }
        return x.compareTo(y);
    }

    /** Equal for equal values (0.0 and -0.0 too, NaN and NaN), NaN first. */
    private static int compareDoubles(double a, double b) {
        if (a == b) {
            return 0;
        }
        boolean aNaN = Double.isNaN(a);
        boolean bNaN = Double.isNaN(b);
        if (aNaN || bNaN) {
            return aNaN && bNaN ? 0 : aNaN ? -1 : 1;
        }
        return a < b ? -1 : 1;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static boolean isBinaryFloatingPoint(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    /** The exact value, or null for NaN and the infinities (compared as doubles, where they are exact). */
    private static BigDecimal exact(Number n) {
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof Decimal128 d) {
            double approximation = d.doubleValue();
            return Double.isNaN(approximation) || Double.isInfinite(approximation) ? null : d.toBigDecimal();
        }
        double d = n.doubleValue();
        return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(d);
    }

    private int compareDocuments(Map<?, ?> a, Map<?, ?> b) {
        Iterator<? extends Map.Entry<?, ?>> x = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> y = b.entrySet().iterator();
        while (x.hasNext() && y.hasNext()) {
            Map.Entry<?, ?> e = x.next();
            Map.Entry<?, ?> f = y.next();
            int c = ((String) e.getKey()).compareTo((String) f.getKey());
            if (c == 0) {
                c = compare(e.getValue(), f.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int compareArrays(Collection<?> a, Collection<?> b) {
        Iterator<?> x = a.iterator();
        Iterator<?> y = b.iterator();
        while (x.hasNext() && y.hasNext()) {
            int c = compare(x.next(), y.next());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
        int c = a.getPattern().compareTo(b.getPattern());
        return c != 0 ? c : Objects.compare(a.getOptions(), b.getOptions(), Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("not a BSON value, cannot be a key: " + value.getClass().getName());
    }
}
