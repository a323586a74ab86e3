package dev.tickflow.model.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record's bytes could not be read as the topic's value type; {@link #reason()} says why, for dead-letter headers. */
public class RecordDecodingException extends SerializationException {

    /** Why decoding failed, in words stable enough for metrics tags. */
    public enum Reason {
        /** Written with a schema this reader does not know: newer writer, or another topic's type. */
        UNKNOWN_SCHEMA,
        /** Not Avro single-object encoding at all. */
        BAD_HEADER,
        /** Header fine, payload truncated or garbled. */
        CORRUPT_PAYLOAD
    }

    private final Reason reason;

    public RecordDecodingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
