package dev.tickflow.strategy.topology;

import java.time.Clock;

import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.strategy.StrategyConfig;
import dev.tickflow.strategy.state.BookMarks;
import dev.tickflow.strategy.state.SymbolState;
import dev.tickflow.support.streams.DecodingGlobalStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * <pre>
 *   md.bars.1m (closed) --> bar step --+--> strategy.features
 *                              |       +--> signals
 *   md.book --> book top ------+       +--> recommendations
 *                  (strategy-symbols store: bars, book, model, scorecard; strategy-book-marks: the book at each minute)
 *   strategy.model.weights --> global store (warm start of a symbol's first model)
 * </pre>
 * Both inputs are keyed by symbol with the same partition count, so a symbol's bars and book meet in one task.
 */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(StrategyConfig config, StrategyMeters meters) {
        return build(StrategySettings.from(config), meters, Clock.systemUTC());
    }

    public static Topology build(StrategySettings settings, StrategyMeters meters, Clock clock) {
        StringDeserializer keysIn = new StringDeserializer();
        StringSerializer keysOut = new StringSerializer();
        Topology topology = new Topology();
        topology.addSource("bars", keysIn, Topics.MD_BARS_1M.valueSerde().deserializer(), TopicNames.MD_BARS_1M);
        topology.addSource("book", keysIn, Topics.MD_BOOK.valueSerde().deserializer(), TopicNames.MD_BOOK);
        topology.addProcessor("bar-step", () -> new BarProcessor(settings, meters, clock), "bars");
        topology.addProcessor("book-top", BookProcessor::new, "book");
        RecordType<SymbolState> stateType = RecordType.unversioned(SymbolState.class, SymbolState.getClassSchema());
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SYMBOLS), Serdes.String(),
                new AvroSerde<>(stateType)), "bar-step", "book-top");
        RecordType<BookMarks> marksType = RecordType.unversioned(BookMarks.class, BookMarks.getClassSchema());
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.BOOK_MARKS), Serdes.String(),
                new AvroSerde<>(marksType)), "bar-step", "book-top");

        // warm-start weights: a small compacted topic, read whole by every instance
        DecodingGlobalStore.add(topology, StoreNames.WARM_WEIGHTS, TopicNames.STRATEGY_MODEL_WEIGHTS, RecordTypes.MODEL_WEIGHTS);

        topology.addSink(BarProcessor.FEATURES_SINK, TopicNames.STRATEGY_FEATURES, keysOut,
                erased(Topics.STRATEGY_FEATURES.valueSerde().serializer()), "bar-step");
        topology.addSink(BarProcessor.SIGNALS_SINK, TopicNames.SIGNALS, keysOut, erased(Topics.SIGNALS.valueSerde().serializer()),
                "bar-step");
        topology.addSink(BarProcessor.RECOMMENDATIONS_SINK, TopicNames.RECOMMENDATIONS, keysOut,
                erased(Topics.RECOMMENDATIONS.valueSerde().serializer()), "bar-step");
        return topology;
    }

    /** The bar step forwards several record types, each to the sink of its topic. */
    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> erased(Serializer<? extends SpecificRecord> serializer) {
        return (Serializer<SpecificRecord>) serializer;
    }
}
