package dev.tickflow.support.streams;

import java.util.Map;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store that stores nothing and runs its processor's action just before every commit of its task. Kafka
 * Streams prepares a commit by flushing every store's record cache, then the producer, then committing the offsets (in
 * the transaction, under exactly-once); this store takes the cache flush as its cue, so that state a processor keeps in
 * memory reaches its stores, and their changelogs, in the very commit that covers the records it came from. The stores
 * written this way must have no record cache of their own, or a cache flushed before this hook ran would hold the
 * writes back until the next commit.
 *
 * <p>The call comes through {@link CachedStateStore}, the internal interface Kafka Streams' own record cache uses;
 * the topology tests commit after every record and would fail on a version that stopped calling it.
 */
public final class BeforeCommitHook implements StateStore, CachedStateStore<Object, Object> {

    private final String name;
    private Runnable action = () -> { };
    private boolean open;

    private BeforeCommitHook(String name) {
        this.name = name;
    }

    /** Connect the store to the processor by this name, and give it the action in the processor's init. */
    public static StoreBuilder<BeforeCommitHook> builder(String name) {
        return new Builder(name);
    }

    public void beforeCommit(Runnable action) {
        this.action = action;
    }

    @Override
    public void flushCache() {
        action.run();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void clearCache() {
        // nothing cached: the processor's memory goes with the task when it is closed dirty
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private record Builder(String name) implements StoreBuilder<BeforeCommitHook> {

        @Override
        public StoreBuilder<BeforeCommitHook> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<BeforeCommitHook> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<BeforeCommitHook> withLoggingEnabled(Map<String, String> config) {
            return this;
        }

        @Override
        public StoreBuilder<BeforeCommitHook> withLoggingDisabled() {
            return this;
        }

        @Override
        public BeforeCommitHook build() {
            return new BeforeCommitHook(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }
}
