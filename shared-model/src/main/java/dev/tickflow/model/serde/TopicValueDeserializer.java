package dev.tickflow.model.serde;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.tickflow.model.topic.DeadLetterProducer;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Value deserializer for any catalogue topic, configured by class name: the topic name says which record type to read.
 *
 * <p>A record it cannot read goes, bytes untouched, to the topic's dead-letter topic with the reason (the consumer's
 * group as the source), is counted, and the failure is rethrown as a {@link RecordDecodingException}: a messaging
 * channel configured not to fail on deserialization then delivers it as an empty payload and carries on. A deserializer
 * does not see the record's partition and offset, so its dead letters carry the topic but not the position.
 */
public class TopicValueDeserializer implements Deserializer<SpecificRecord> {

    private static final Map<String, AtomicLong> UNDECODABLE = new ConcurrentHashMap<>();

    private DeadLetterProducer deadLetters;
    private String source = "unknown";

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object group = configs.get(ConsumerConfig.GROUP_ID_CONFIG);
        Object client = configs.get(ConsumerConfig.CLIENT_ID_CONFIG);
        source = String.valueOf(group != null ? group : client);
        if (configs.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            deadLetters = new DeadLetterProducer(configs, source);
        }
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public SpecificRecord deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        TopicSpec<?> spec = Topics.find(topic)
                .orElseThrow(() -> new SerializationException("topic " + topic + " is not in the catalogue"));
        if (spec.valueType() == null) {
            throw new SerializationException("topic " + topic + " carries raw bytes, not records");
        }
        try {
            return spec.valueType().decode(data);
        } catch (RecordDecodingException e) {
            UNDECODABLE.computeIfAbsent(topic, unused -> new AtomicLong()).incrementAndGet();
            if (deadLetters != null) {
                deadLetters.send(DeadLetters.forRecord(topic, -1, -1, null, data, headers,
                        e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), e.getMessage(), source, Instant.now()));
            }
            throw e;
        }
    }

    /** Records of a topic this process's deserializers could not read, since start. */
    public static long undecodable(String topic) {
        AtomicLong count = UNDECODABLE.get(topic);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
