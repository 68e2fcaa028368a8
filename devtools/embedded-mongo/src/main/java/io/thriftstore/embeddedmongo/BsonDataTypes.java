package io.thriftstore.embeddedmongo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the H2 file stores documents, {@code _id}s and index keys: as BSON, with mongo-java-server's own encoder
 * and decoder (the ones its wire protocol uses), instead of H2's default {@code ObjectDataType}, which stores
 * the library's classes by Java serialization and, for keys that are not {@code Comparable} such as
 * {@link KeyValue}, compares two keys by serializing both on every step of every B-tree search.
 * <p>
 * BSON keeps what the documents hold (int32, int64, double and decimal stay apart, field order stays), costs
 * a fraction of Java serialization and does not tie the file to the library's class layout.
 */
final class BsonDataTypes {

    /** Not a BSON type (0 ends a BSON document): the library's {@link Missing} marker as a position. */
    private static final byte MISSING = 0;

    /** Scratch space for encoding: H2 writes a page's values one after another on one thread. */
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private static final int SCRATCH_KEPT = 1 << 20;

    private BsonDataTypes() {
    }

    /** A collection's documents, as BSON documents. */
    static final class Documents extends BasicDataType<Document> {

        static final Documents INSTANCE = new Documents();

        @Override
        public int getMemory(Document document) {
            return MemoryEstimate.of(document);
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            ByteBuf scratch = scratch();
            BsonEncoder.encodeDocument(document, scratch);
            copy(scratch, buffer);
        }

        @Override
        public Document read(ByteBuffer buffer) {
            int start = buffer.position();
            int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start);
            Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start, length)));
            buffer.position(start + length);
            return document;
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /**
     * A single value: a document's {@code _id} (the key of a collection's map, and what an index maps a key
     * to), as a BSON type byte and the value's BSON bytes.
     */
    static final class Values extends BasicDataType<Object> {

        static final Values INSTANCE = new Values();

        @Override
        public int compare(Object a, Object b) {
            return KeyOrder.INSTANCE.compare(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return MemoryEstimate.of(value);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            ByteBuf scratch = scratch();
            writeValue(value, scratch);
            copy(scratch, buffer);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            ByteBuf bytes = Unpooled.wrappedBuffer(buffer.slice());
            Object value = readValue(bytes);
            buffer.position(buffer.position() + bytes.readerIndex());
            return value;
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** A unique index's key: the number of its values, then each value as in {@link Values}. */
    static final class Keys extends BasicDataType<KeyValue> {

        static final Keys INSTANCE = new Keys();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            return KeyOrder.INSTANCE.compareKeys(a, b);
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 48;
            for (Object value : key) {
                memory += MemoryEstimate.of(value);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            ByteBuf scratch = scratch();
            for (Object value : key) {
                writeValue(value, scratch);
            }
            buffer.putVarInt(key.size());
            copy(scratch, buffer);
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            ByteBuf bytes = Unpooled.wrappedBuffer(buffer.slice());
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(readValue(bytes));
            }
            buffer.position(buffer.position() + bytes.readerIndex());
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /** A document's size in BSON, as collStats reports it. */
    static int sizeOf(Document document) {
        ByteBuf scratch = scratch();
        BsonEncoder.encodeDocument(document, scratch);
        return scratch.readableBytes();
    }

    private static void writeValue(Object value, ByteBuf out) {
        if (value instanceof Missing) {
            out.writeByte(MISSING);
            return;
        }
        byte type = BsonEncoder.determineType(value);
        out.writeByte(type);
        BsonEncoder.encodeValue(type, value, out);
    }

    private static Object readValue(ByteBuf in) {
        byte type = in.readByte();
        return type == MISSING ? Missing.getInstance() : BsonDecoder.decodeValue(type, in);
    }

    private static ByteBuf scratch() {
        ByteBuf scratch = SCRATCH.get();
        if (scratch.capacity() > SCRATCH_KEPT) {
            // One huge document should not pin its buffer for the life of the thread.
            scratch = Unpooled.buffer(4096);
            SCRATCH.set(scratch);
        }
        return scratch.clear();
    }

    private static void copy(ByteBuf from, WriteBuffer to) {
        to.put(from.array(), from.arrayOffset() + from.readerIndex(), from.readableBytes());
    }

    /**
     * What a value costs on the heap, roughly: H2 sizes its page cache by it. Java serialization's length
     * was the default's estimate; a walk over the value is cheaper and closer.
     */
    static final class MemoryEstimate {

        private MemoryEstimate() {
        }

        static int of(Object value) {
            if (value == null) {
                return 0;
            }
            if (value instanceof String s) {
                return 40 + 2 * s.length();
            }
            if (value instanceof Map<?, ?> map) {
                int memory = 64;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    memory += 32 + of(entry.getKey()) + of(entry.getValue());
                }
                return memory;
            }
            if (value instanceof Collection<?> values) {
                int memory = 40;
                for (Object element : values) {
                    memory += 8 + of(element);
                }
                return memory;
            }
            return 24;
        }
    }
}
