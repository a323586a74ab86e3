package dev.tickflow.stats.topology;

import dev.tickflow.stats.metrics.StatsMetrics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts ticks the 1-minute window will drop: those whose window ended more than the grace before the task's stream
 * time (the largest event time it has seen). It sits just before the aggregation in the same task, so it sees the
 * same stream time the window store uses. The tick passes through unchanged: dropping is the window's job.
 */
final class LateTickMeter implements FixedKeyProcessor<String, EnrichedTick, EnrichedTick> {

    private final long windowMillis;
    private final long graceMillis;
    private final StatsMetrics metrics;
    private FixedKeyProcessorContext<String, EnrichedTick> context;

    LateTickMeter(long windowMillis, long graceMillis, StatsMetrics metrics) {
        this.windowMillis = windowMillis;
        this.graceMillis = graceMillis;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedTick> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedTick> record) {
        long windowEnd = Math.floorDiv(record.timestamp(), windowMillis) * windowMillis + windowMillis;
        if (windowEnd + graceMillis <= context.currentStreamTimeMs()) {
            metrics.lateTickDropped("bars-1m");
        }
        context.forward(record);
    }
}
