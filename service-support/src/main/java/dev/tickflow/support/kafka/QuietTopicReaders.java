package dev.tickflow.support.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings for a consumer that follows a topic which is quiet most of the time (accounts, reference tables, lookup
 * replies). With {@code fetch.min.bytes} at 1 a record ends the broker's wait the moment it is written, so
 * {@code fetch.max.wait.ms} decides only how often an idle reader asks again: at Kafka's 500 ms a dozen such readers per
 * service cost the broker and the services a fetch and a wake-up each twice a second for nothing.
 */
public final class QuietTopicReaders {

    /** Also the longest a seek or a new assignment can wait behind a fetch already in flight, so no longer than this. */
    public static final int FETCH_MAX_WAIT_MS = 5_000;

    /**
     * How long such a reader's own loop waits in {@code poll} once it has caught up: a record ends the wait at once and
     * closing wakes it, so a shorter wait would only wake the thread for nothing.
     */
    public static final Duration IDLE_POLL = Duration.ofMillis(FETCH_MAX_WAIT_MS);

    /** The wait while a reader is still catching up, so that it notices it has within a moment of doing so. */
    public static final Duration CATCH_UP_POLL = Duration.ofMillis(100);

    private QuietTopicReaders() {
    }

    /** Adds the quiet reader's settings to a consumer configuration; returns it. */
    public static Map<String, Object> configure(Map<String, Object> consumer) {
        consumer.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        return consumer;
    }
}
