package dev.tickflow.support.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps a global store equal to its topic, for topologies built with {@code addGlobalStore}: each record replaces its
 * key's value, a tombstone removes the key, a record without a key is ignored. Not a bean.
 */
public final class GlobalStoreLoader<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private TimestampedKeyValueStore<String, V> store;

    public GlobalStoreLoader(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
    }
}
