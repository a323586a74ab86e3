package dev.tickflow.support.streams;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * A record that a processor fails on (an overflowing sum, a value no rule foresaw) goes to its source topic's
 * dead-letter topic with the exception as the reason, instead of stopping the stream thread.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterProcessingHandler.class);

    private String source = "kafka-streams";

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        // A failing record is a bug or a bad input worth an operator's eye; it is not the hot path, so log each one.
        LOG.warnf(exception, "%s failed on %s-%d@%d; dead-lettering it", context.processorNodeId(), context.topic(),
                context.partition(), context.offset());
        if (context.sourceRawValue() == null || Topics.find(context.topic()).isEmpty()) {
            // a punctuation, or an internal topic with no dead-letter topic of its own: nothing to keep, carry on
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.forRecord(context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), context.headers(), "processing-failed",
                context.processorNodeId() + ": " + exception, source, Instant.now())));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        source = DeadLetterDeserializationHandler.sourceOf(configs);
    }
}
