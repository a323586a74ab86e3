package dev.tickflow.model.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one record type, for Kafka Streams and plain clients. No schema registry: the writer's schema is
 * identified by the fingerprint in each record (see {@link RecordType}). A null value is a tombstone both ways.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final RecordType<T> type;

    public AvroSerde(RecordType<T> type) {
        this.type = type;
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> javaClass) {
        return new AvroSerde<>(RecordTypes.of(javaClass));
    }

    public RecordType<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : type.encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : type.decode(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the type is fixed at construction
    }

    @Override
    public void close() {
        // stateless
    }
}
