package dev.tickflow.stats.topology;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.Tick;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time, not arrival time: windows and stream time follow when trades happened. A record that is not a trade (a
 * tombstone) keeps the partition's time, so that it cannot move the stream time, which closes bars, to its arrival; on a
 * partition that has no time yet it is dropped (a negative timestamp), which is all the topology would do with it.
 */
public final class TickTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Tick tick) {
            return EventTime.toMillis(tick.getEventTimeMicros());
        }
        return partitionTime;
    }
}
