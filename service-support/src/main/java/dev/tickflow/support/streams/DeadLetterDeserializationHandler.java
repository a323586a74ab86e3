package dev.tickflow.support.streams;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.serde.RecordDecodingException;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record that cannot be read goes, bytes untouched, to its topic's dead-letter topic with the reason in the
 * platform's headers, and processing continues. Written in the same transaction as the task's other output.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** The service named in the dead letters' source header: the Streams application id. */
    private String source = "kafka-streams";

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (Topics.find(record.topic()).isEmpty()) {
            return Response.resume();
        }
        String reason = exception instanceof RecordDecodingException decoding
                ? decoding.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : "unreadable";
        return Response.resume(List.of(DeadLetters.forRecord(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), record.headers(), reason, String.valueOf(exception.getMessage()), source, Instant.now())));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        source = sourceOf(configs);
    }

    static String sourceOf(Map<String, ?> configs) {
        Object applicationId = configs.get(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG);
        return applicationId == null ? "kafka-streams" : applicationId.toString();
    }
}
