package dev.tickflow.support.streams;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.topic.DeadLetterProducer;
import dev.tickflow.model.topic.DeadLetters;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

/**
 * A reference table (a compacted topic every instance reads whole) as a global store that no record can break: the
 * topic is read as bytes and decoded here, in the store's own processor, which Kafka Streams also runs when it restores
 * the store at start. A record that cannot be decoded leaves its key's previous value in place, is counted, and goes to
 * the topic's dead-letter topic with the reason; the global thread carries on. (A GlobalKTable with an Avro serde dies
 * with its global thread instead, and takes the whole application to ERROR.)
 *
 * <p>Dead letters come from the instance that meets a record live: one written before this instance started was met by
 * an earlier one (each restart reads the whole topic again), so it is counted but not dead-lettered twice.
 */
public final class DecodingGlobalStore {

    private static final Logger LOG = Logger.getLogger(DecodingGlobalStore.class);
    private static final Map<String, AtomicLong> UNDECODABLE = new ConcurrentHashMap<>();
    private static final long LIVE_MARGIN_MILLIS = 60_000;

    private DecodingGlobalStore() {
    }

    /** Adds an in-memory global store of the topic's values to the topology. */
    public static <V extends SpecificRecord> void add(StreamsBuilder builder, String storeName, String topic, RecordType<V> type) {
        Serde<V> values = new dev.tickflow.model.serde.AvroSerde<>(type);
        UNDECODABLE.computeIfAbsent(storeName, unused -> new AtomicLong());
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), values)
                        .withLoggingDisabled(), topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(storeName + "-source"),
                () -> new Loader<>(storeName, type));
    }

    /** The same for a topology built with the Processor API. */
    public static <V extends SpecificRecord> void add(org.apache.kafka.streams.Topology topology, String storeName, String topic,
            RecordType<V> type) {
        Serde<V> values = new dev.tickflow.model.serde.AvroSerde<>(type);
        UNDECODABLE.computeIfAbsent(storeName, unused -> new AtomicLong());
        topology.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), values)
                        .withLoggingDisabled(), storeName + "-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topic, storeName + "-loader", () -> new Loader<>(storeName, type));
    }

    /** Records of each store's topic that could not be decoded since start, by store name. */
    public static Map<String, AtomicLong> undecodable() {
        return UNDECODABLE;
    }

    /** Decodes each record into the store; a tombstone removes the key. */
    static final class Loader<V extends SpecificRecord> implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private final RecordType<V> type;
        private final long startedAt = System.currentTimeMillis();
        private ProcessorContext<Void, Void> context;
        private TimestampedKeyValueStore<String, V> store;
        private DeadLetterProducer deadLetters;

        Loader(String storeName, RecordType<V> type) {
            this.storeName = storeName;
            this.type = type;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                reject(record, "no-key", "a reference record needs a key");
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            V value;
            try {
                value = type.decode(record.value());
            } catch (RuntimeException e) {
                reject(record, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                return;
            }
            store.put(record.key(), ValueAndTimestamp.make(value, record.timestamp()));
        }

        private void reject(Record<String, byte[]> record, String reason, String detail) {
            UNDECODABLE.get(storeName).incrementAndGet();
            if (record.timestamp() < startedAt - LIVE_MARGIN_MILLIS) {
                return;
            }
            RecordMetadata where = context.recordMetadata().orElse(null);
            if (where == null) {
                return;
            }
            LOG.warnf("%s-%d@%d unreadable, the previous value stays: %s", where.topic(), where.partition(), where.offset(), detail);
            Object application = context.appConfigs().get(StreamsConfig.APPLICATION_ID_CONFIG);
            if (deadLetters == null) {
                deadLetters = new DeadLetterProducer(context.appConfigs(), application + "-table");
            }
            byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            deadLetters.send(DeadLetters.forRecord(where.topic(), where.partition(), where.offset(), key, record.value(),
                    record.headers(), reason, detail, String.valueOf(application), Instant.now()));
        }

        @Override
        public void close() {
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }
}
