package dev.tickflow.stats.topology;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.Tick;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Event time, not arrival time: windows and stream time follow when trades happened. */
public final class TickTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Tick tick) {
            return EventTime.toMillis(tick.getEventTimeMicros());
        }
        return record.timestamp();
    }
}
