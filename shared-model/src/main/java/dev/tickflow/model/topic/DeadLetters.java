package dev.tickflow.model.topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a record that could not be processed is kept: its original bytes, untouched, on the topic's dead-letter topic,
 * with why in headers. Every service writes the same headers, so one tool reads every dead-letter topic.
 */
public final class DeadLetters {

    /** Short machine-readable reason, also the metrics tag: {@code malformed}, {@code price-not-positive}, ... */
    public static final String REASON = "tickflow.dlq.reason";
    /** Human-readable explanation of every problem found. */
    public static final String DETAIL = "tickflow.dlq.detail";
    /** The service and input that refused it, for example {@code market-feed/push-rest}. */
    public static final String SOURCE = "tickflow.dlq.source";
    /** The topic the record was read from, when it came from a topic. */
    public static final String ORIGINAL_TOPIC = "tickflow.dlq.original-topic";
    public static final String ORIGINAL_PARTITION = "tickflow.dlq.original-partition";
    public static final String ORIGINAL_OFFSET = "tickflow.dlq.original-offset";
    public static final String FAILED_AT = "tickflow.dlq.failed-at";
    /** Set when the original value was longer than {@link #MAX_KEPT_BYTES}: its length; the value kept is its start. */
    public static final String TRUNCATED_FROM = "tickflow.dlq.truncated-from";
    /**
     * A dead letter keeps at most this much of the original value: a record too large for its topic's dead-letter topic
     * (10 MB of garbage on a topic configured for them) must not become a dead letter that cannot be written.
     */
    public static final int MAX_KEPT_BYTES = 256 * 1024;

    private DeadLetters() {
    }

    /** A dead letter for input that never was on a topic (HTTP bodies, files, feed messages). */
    public static ProducerRecord<byte[], byte[]> forInput(TopicSpec<?> topic, byte[] key, byte[] original, String reason,
            String detail, String source, Instant failedAt) {
        return new ProducerRecord<>(topic.deadLetterTopic(), null, key, original,
                List.<Header>copyOf(inputHeaders(reason, detail, source, failedAt)));
    }

    /** The headers of a dead letter for input that never was on a topic. */
    public static List<RecordHeader> inputHeaders(String reason, String detail, String source, Instant failedAt) {
        List<RecordHeader> headers = new ArrayList<>(4);
        headers.add(header(REASON, reason));
        headers.add(header(DETAIL, detail));
        headers.add(header(SOURCE, source));
        headers.add(header(FAILED_AT, failedAt.toString()));
        return headers;
    }

    /** A dead letter for a record read from a topic: its original key, value and headers, plus where it came from and why. */
    public static ProducerRecord<byte[], byte[]> forRecord(String originalTopic, int partition, long offset, byte[] key,
            byte[] value, Iterable<Header> originalHeaders, String reason, String detail, String source, Instant failedAt) {
        List<Header> headers = new ArrayList<>();
        if (originalHeaders != null) {
            originalHeaders.forEach(headers::add);
        }
        headers.addAll(inputHeaders(reason, detail, source, failedAt));
        headers.add(header(ORIGINAL_TOPIC, originalTopic));
        headers.add(header(ORIGINAL_PARTITION, Integer.toString(partition)));
        headers.add(header(ORIGINAL_OFFSET, Long.toString(offset)));
        byte[] kept = value;
        if (value != null && value.length > MAX_KEPT_BYTES) {
            kept = java.util.Arrays.copyOf(value, MAX_KEPT_BYTES);
            headers.add(header(TRUNCATED_FROM, Integer.toString(value.length)));
        }
        if (key != null && key.length > MAX_KEPT_BYTES) {
            key = java.util.Arrays.copyOf(key, MAX_KEPT_BYTES);
        }
        return new ProducerRecord<>(originalTopic + TopicNames.DEAD_LETTER_SUFFIX, null, key, kept, headers);
    }

    public static String headerValue(Iterable<Header> headers, String name) {
        String value = null;
        for (Header header : headers) {
            if (header.key().equals(name) && header.value() != null) {
                value = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    public static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
