package dev.tickflow.model.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One event contract: its generated class, its current schema and every earlier version of it.
 *
 * <p>Records are written in Avro's single-object encoding: two marker bytes, the 8-byte CRC-64 fingerprint of
 * the writer's schema, then Avro binary. A reader that meets a fingerprint it does not know fails loudly instead
 * of misreading the bytes. Earlier versions, frozen under {@code schema-history/}, are registered as known writer
 * schemas, so records written by an older producer are still read (Avro schema resolution fills in defaults).
 *
 * <p>The bytes are exactly those of Avro's {@code BinaryMessageEncoder}, but written and read through Avro's buffered
 * binary coders over a byte array: its message coders go through the unbuffered "direct" coders, one virtual call per
 * byte of every varint, which was a fifth of market-stats' stream thread (BENCHMARKS.md).
 *
 * <p>Thread-safe; one instance per type serves the whole process.
 */
public final class RecordType<T extends SpecificRecord> {

    static final String HISTORY_ROOT = "schema-history/";
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_BYTES = 10;
    /** A thread's encoding buffer is dropped rather than kept after a record larger than this. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<EncodeState> ENCODING = ThreadLocal.withInitial(EncodeState::new);

    private final Class<T> javaClass;
    private final Schema schema;
    private final byte[] header;
    private final long fingerprint;
    private final DatumWriter<T> writer;
    private final CurrentReader<T> reader;
    /** Per thread, the decoders of the current version: Avro would look its resolver up in a weak map on every read. */
    private final ThreadLocal<DecodeState> decoding;
    /** Readers of records written with an earlier version, by the writer schema's fingerprint. */
    private final Map<Long, DatumReader<T>> earlierReaders = new HashMap<>();
    private final List<Schema> history;

    RecordType(Class<T> javaClass, Schema schema) {
        this(javaClass, schema, loadHistory(schema.getName()));
    }

    RecordType(Class<T> javaClass, Schema schema, List<Schema> history) {
        this.javaClass = Objects.requireNonNull(javaClass);
        this.schema = Objects.requireNonNull(schema);
        this.history = List.copyOf(history);
        // Avro finds the class to instantiate by name; bind that lookup to the loader that holds the generated class,
        // not to whatever context class loader the decoding thread happens to have (Kafka and Quarkus threads differ).
        SpecificData model = new SpecificData(javaClass.getClassLoader());
        // The generated classes carry field-by-field coders. Avro 1.12 leaves them off by default and reads through its
        // "fast reader", which sets fields through put(int, Object) and so boxes every long; the generated coders do not.
        model.setCustomCoders(true);
        model.setFastReaderEnabled(false);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = new byte[HEADER_BYTES];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        this.writer = datumWriter(model, schema);
        this.reader = new CurrentReader<>(schema, model);
        this.decoding = ThreadLocal.withInitial(() -> new DecodeState(schema));
        for (Schema earlier : history) {
            long earlierFingerprint = SchemaNormalization.parsingFingerprint64(earlier);
            if (earlierFingerprint != fingerprint) {
                earlierReaders.put(earlierFingerprint, datumReader(model, earlier, schema));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> DatumWriter<T> datumWriter(SpecificData model, Schema schema) {
        return (DatumWriter<T>) model.createDatumWriter(schema);
    }

    @SuppressWarnings("unchecked")
    private static <T> DatumReader<T> datumReader(SpecificData model, Schema writer, Schema reader) {
        return (DatumReader<T>) model.createDatumReader(writer, reader);
    }

    /**
     * A record type without frozen history, for a service's private state (store and changelog only): its schema may
     * change with the service, which then rebuilds that state.
     */
    public static <T extends SpecificRecord> RecordType<T> unversioned(Class<T> javaClass, Schema schema) {
        return new RecordType<>(javaClass, schema, List.of());
    }

    public Class<T> javaClass() {
        return javaClass;
    }

    public Schema schema() {
        return schema;
    }

    public String name() {
        return schema.getName();
    }

    /** Frozen earlier versions, oldest first; the last one equals the current schema once it is frozen. */
    public List<Schema> history() {
        return history;
    }

    public byte[] encode(T record) {
        EncodeState state = ENCODING.get();
        try {
            // configured first: a reused encoder flushes whatever a failed encoding left in it, and the reset drops that
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(state.out, state.encoder);
            state.encoder = encoder;
            state.out.reset();
            encoder.writeFixed(header);
            writer.write(record, encoder);
            encoder.flush();
            return state.out.toByteArray();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("cannot encode " + name() + ": " + e.getMessage(), e);
        } finally {
            if (state.out.capacity() > KEPT_BUFFER_BYTES) {
                ENCODING.remove();
            }
        }
    }

    public T decode(byte[] bytes) {
        if (bytes.length < HEADER_BYTES || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new RecordDecodingException(RecordDecodingException.Reason.BAD_HEADER,
                    "not Avro single-object encoded " + name() + ": no single-object marker", null);
        }
        long writtenWith = 0;
        for (int i = 0; i < 8; i++) {
            writtenWith |= (bytes[2 + i] & 0xFFL) << (8 * i);
        }
        DatumReader<T> earlier = null;
        if (writtenWith != fingerprint) {
            earlier = earlierReaders.get(writtenWith);
            if (earlier == null) {
                throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA,
                        "not a known version of " + name() + ": writer schema fingerprint " + Long.toHexString(writtenWith), null);
            }
        }
        try {
            return earlier == null ? readCurrent(bytes)
                    : earlier.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null));
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_PAYLOAD,
                    "corrupt " + name() + " payload: " + e, e);
        }
    }

    private T readCurrent(byte[] bytes) throws IOException {
        DecodeState state = decoding.get();
        state.binary = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, state.binary);
        // configuring also resets the grammar, so a record that failed half-way leaves nothing behind
        state.resolving.configure(state.binary);
        T record = reader.readWith(state.resolving);
        state.resolving.drain();
        return record;
    }

    private static List<Schema> loadHistory(String name) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = RecordType.class.getClassLoader();
        // Versions are numbered from 1 without gaps; stopping at the first missing one needs no classpath scanning.
        for (int version = 1;; version++) {
            String resource = HISTORY_ROOT + name + "/v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    @Override
    public String toString() {
        return "RecordType[" + name() + "]";
    }

    /** Reads records of the current version with a decoder the caller keeps. */
    private static final class CurrentReader<T> extends SpecificDatumReader<T> {
        CurrentReader(Schema schema, SpecificData model) {
            super(schema, schema, model);
        }

        @SuppressWarnings("unchecked")
        T readWith(ResolvingDecoder in) throws IOException {
            return (T) read(null, getExpected(), in);
        }
    }

    /** A thread's decoders for the current version. */
    private static final class DecodeState {
        final ResolvingDecoder resolving;
        BinaryDecoder binary;

        DecodeState(Schema schema) {
            try {
                this.resolving = DecoderFactory.get().resolvingDecoder(schema, schema, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A thread's reusable output: a growable byte array without ByteArrayOutputStream's locking, and its encoder. */
    private static final class EncodeState {
        final GrowableBytes out = new GrowableBytes();
        BinaryEncoder encoder;
    }

    private static final class GrowableBytes extends java.io.OutputStream {
        private byte[] bytes = new byte[256];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void reset() {
            size = 0;
        }

        int capacity() {
            return bytes.length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }
}
