package dev.tickflow.launcher;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickflow.model.serde.RecordDecodingException;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.TopicSpec;
import dev.tickflow.model.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints a topic's records as JSON lines, one per record, so a person can read Avro topics: partition, offset, key,
 * timestamp, headers and the value decoded through the catalogue. Reads without a consumer group: it never moves
 * anyone's offsets.
 */
final class TopicTail {

    private static final JsonFactory JSON = new JsonFactory();

    private TopicTail() {
    }

    static void run(StackSettings settings, String topicName, boolean fromBeginning, long max) {
        TopicSpec<?> topic = Topics.find(topicName).orElseThrow(() -> new LauncherException("no topic " + topicName
                + " in the catalogue; topics are: " + String.join(", ", Topics.all().stream().map(TopicSpec::name).toList())));
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (printed < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Console.line(render(topic, record));
                    if (++printed >= max) {
                        break;
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new LauncherException("no broker at " + settings.kafkaBootstrap() + "; is the stack up (./tickflow status)?");
        }
    }

    static String render(TopicSpec<?> topic, ConsumerRecord<byte[], byte[]> record) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            json.writeStringField("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            json.writeStringField("key", record.key() == null ? null : text(record.key()));
            if (record.headers().toArray().length > 0) {
                json.writeObjectFieldStart("headers");
                for (Header header : record.headers()) {
                    json.writeStringField(header.key(), header.value() == null ? null : text(header.value()));
                }
                json.writeEndObject();
            }
            json.writeFieldName("value");
            writeValue(json, topic, record.value());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator json, TopicSpec<?> topic, byte[] value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (topic.isDeadLetter()) {
            json.writeString(text(value));
        } else if (topic.valueType() == null) {
            json.writeString(Base64.getEncoder().encodeToString(value));
        } else {
            try {
                SpecificRecord decoded = topic.valueType().decode(value);
                json.writeRawValue(RecordJson.toJson(decoded));
            } catch (RecordDecodingException e) {
                json.writeStartObject();
                json.writeStringField("undecodable", e.reason().name());
                json.writeStringField("bytes", Base64.getEncoder().encodeToString(value));
                json.writeEndObject();
            }
        }
    }

    /** UTF-8 text when the bytes are text, else base64 marked as such. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
