package dev.tickflow.model.serde;

import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Value serializer for any catalogue topic, configured by class name (SmallRye channels, plain producers). It refuses
 * a record whose type is not the topic's declared value type: one topic, one schema.
 */
public class TopicValueSerializer implements Serializer<SpecificRecord> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        RecordType type = RecordTypes.of(data.getClass());
        TopicSpec<?> spec = Topics.find(topic).orElse(null);
        if (spec != null && spec.valueType() != type) {
            throw new SerializationException("topic " + topic + " carries " + spec.valueTypeName() + ", not " + type.name());
        }
        return type.encode(data);
    }
}
