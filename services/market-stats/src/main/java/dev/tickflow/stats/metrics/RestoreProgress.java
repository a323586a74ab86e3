package dev.tickflow.stats.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How much state is still being restored from changelogs, per store: while it is above zero the instance answers
 * queries for those stores with 503. Quarkus registers this listener with Kafka Streams.
 */
@ApplicationScoped
public class RestoreProgress implements StateRestoreListener {

    private final Map<TopicPartition, AtomicLong> remaining = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> remainingByStore = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    RestoreProgress(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        long toRestore = Math.max(0, endingOffset - startingOffset);
        remaining.put(partition, new AtomicLong(toRestore));
        storeGauge(store).addAndGet(toRestore);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        AtomicLong left = remaining.get(partition);
        if (left != null) {
            left.addAndGet(-numRestored);
        }
        storeGauge(store).addAndGet(-numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        AtomicLong left = remaining.remove(partition);
        if (left != null && left.get() > 0) {
            storeGauge(store).addAndGet(-left.get());
        }
    }

    public long remaining(String store) {
        AtomicLong gauge = remainingByStore.get(store);
        return gauge == null ? 0 : Math.max(0, gauge.get());
    }

    private AtomicLong storeGauge(String store) {
        return remainingByStore.computeIfAbsent(store, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("streams.restore.remaining", value, AtomicLong::get)
                    .description("changelog records still to restore before the store can be queried")
                    .tag("store", name).register(registry);
            return value;
        });
    }
}
