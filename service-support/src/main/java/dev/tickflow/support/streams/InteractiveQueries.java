package dev.tickflow.support.streams;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;


/**
 * Interactive queries: where a key lives and this instance's own stores. Never waits for a store to become ready; a
 * store that is rebalancing or restoring is reported unavailable at once, and the caller answers 503 with Retry-After.
 */
public final class InteractiveQueries {

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param self the address this instance advertises ({@code application.server}), exactly as the running Streams
     *     instance resolved it at start
     */
    public InteractiveQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** This instance's advertised address, from the Streams configuration in effect. */
    public static HostInfo advertised(StreamsConfig config) {
        return HostInfo.buildFromEndpoint(config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    /** Where the key's active store is: this instance, or another one's host and port. */
    public Owner ownerOf(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("the stream is not running yet", e);
        }
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            throw new StoreUnavailableException("no instance owns " + key + " in " + store + " right now (rebalancing)");
        }
        return new Owner(metadata.activeHost(), metadata.activeHost().equals(self));
    }

    /** Every instance that holds part of the store, this one included. */
    public Collection<HostInfo> hostsOf(String store) {
        try {
            List<HostInfo> hosts = streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo).toList();
            if (hosts.isEmpty()) {
                throw new StoreUnavailableException("no instance holds " + store + " right now (rebalancing)");
            }
            return hosts;
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("the stream is not running yet", e);
        }
    }

    public boolean isSelf(HostInfo host) {
        return self.equals(host);
    }

    /** This instance's part of a store. */
    public <T> T localStore(String name, QueryableStoreType<T> type) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + name + " is not queryable here right now: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a read of this instance's stores. A store handed out while the stream was running still refuses reads once
     * its thread starts over, rebalances or restores: that is state not available here yet (503), not a server error.
     */
    public <R> R read(Supplier<R> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("a store is not queryable here right now: " + e.getMessage(), e);
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The instance that answers for a key. */
    public record Owner(HostInfo host, boolean local) {
    }
}
