package dev.tickflow.streams;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the service: a block cache and a write buffer manager shared by all
 * stores and all their segments, with the memtables counted against the cache.
 *
 * <p>Left alone, each RocksDB instance gets its own 50 MB cache and up to three 16 MB memtables; a windowed store is one
 * instance per segment, so a service with a dozen windowed stores over six partitions opens a few hundred of them and its
 * off-heap memory grows with the store count, not with the data. Index and filter blocks live in the cache too, so the
 * bound holds for them as well.
 *
 * <p>Set with {@code kafka-streams.rocksdb.config.setter}; the budget is {@code kafka-streams.tickflow.rocksdb.memory.bytes}
 * (default 32 MiB), of which {@code kafka-streams.tickflow.rocksdb.memtable.bytes} (default 8 MiB) may be memtables.
 */
@RegisterForReflection
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String MEMORY = "tickflow.rocksdb.memory.bytes";
    public static final String MEMTABLES = "tickflow.rocksdb.memtable.bytes";
    private static final long DEFAULT_MEMORY = 32L << 20;
    private static final long DEFAULT_MEMTABLES = 8L << 20;
    /** Small memtables: the manager flushes when their sum reaches its share, so a store's own limit only caps one. */
    private static final long MEMTABLE_PER_STORE = 2L << 20;
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache(configs));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(sharedWriteBuffers(configs));
        options.setWriteBufferSize(MEMTABLE_PER_STORE);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the manager are the JVM's, not the store's: closing them here would pull them from under the others
    }

    private static synchronized Cache sharedCache(Map<String, Object> configs) {
        if (cache == null) {
            cache = new LRUCache(bytes(configs, MEMORY, DEFAULT_MEMORY), -1, false, INDEX_AND_FILTER_SHARE);
        }
        return cache;
    }

    private static synchronized WriteBufferManager sharedWriteBuffers(Map<String, Object> configs) {
        if (writeBuffers == null) {
            writeBuffers = new WriteBufferManager(bytes(configs, MEMTABLES, DEFAULT_MEMTABLES), sharedCache(configs));
        }
        return writeBuffers;
    }

    /** What the shared cache holds now, memtables included; 0 before any store opened. */
    static synchronized long usage() {
        return cache == null ? 0 : cache.getUsage();
    }

    static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        long bytes = Long.parseLong(value.toString().trim());
        if (bytes <= 0) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
        return bytes;
    }
}
