package dev.tickflow.model.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
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
 * <p>Encoders and decoders are thread-safe; one instance per type serves the whole process.
 */
public final class RecordType<T extends SpecificRecord> {

    static final String HISTORY_ROOT = "schema-history/";

    private final Class<T> javaClass;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final List<Schema> history;

    RecordType(Class<T> javaClass, Schema schema) {
        this(javaClass, schema, loadHistory(schema.getName()));
    }

    RecordType(Class<T> javaClass, Schema schema, List<Schema> history) {
        this.javaClass = Objects.requireNonNull(javaClass);
        this.schema = Objects.requireNonNull(schema);
        this.history = List.copyOf(history);
        SchemaStore.Cache earlierWriters = new SchemaStore.Cache();
        history.forEach(earlierWriters::addSchema);
        // Avro finds the class to instantiate by name; bind that lookup to the loader that holds the generated class,
        // not to whatever context class loader the decoding thread happens to have (Kafka and Quarkus threads differ).
        SpecificData model = new SpecificData(javaClass.getClassLoader());
        // The generated classes carry field-by-field coders. Avro 1.12 leaves them off by default and reads through its
        // "fast reader", which sets fields through put(int, Object) and so boxes every long; the generated coders do not.
        model.setCustomCoders(true);
        model.setFastReaderEnabled(false);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, earlierWriters);
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
        try {
            ByteBuffer buffer = encoder.encode(record);
            if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                    && buffer.remaining() == buffer.array().length) {
                return buffer.array();
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("cannot encode " + name() + ": " + e.getMessage(), e);
        }
    }

    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA,
                    "not a known version of " + name() + ": " + e.getMessage(), e);
        } catch (BadHeaderException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.BAD_HEADER,
                    "not Avro single-object encoded " + name() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_PAYLOAD,
                    "corrupt " + name() + " payload: " + e, e);
        }
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
}
