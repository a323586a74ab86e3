package dev.tickflow.model.serde;

import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Value deserializer for any catalogue topic, configured by class name: the topic name says which record type to read.
 * Failures are {@link RecordDecodingException}s so that a consumer can dead-letter them with the reason.
 */
public class TopicValueDeserializer implements Deserializer<SpecificRecord> {

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        TopicSpec<?> spec = Topics.find(topic)
                .orElseThrow(() -> new SerializationException("topic " + topic + " is not in the catalogue"));
        if (spec.valueType() == null) {
            throw new SerializationException("topic " + topic + " carries raw bytes, not records");
        }
        return spec.valueType().decode(data);
    }
}
