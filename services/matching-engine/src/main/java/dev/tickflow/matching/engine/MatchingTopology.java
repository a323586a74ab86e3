package dev.tickflow.matching.engine;

import java.time.LocalTime;
import java.time.ZoneId;

import dev.tickflow.matching.state.EngineSymbol;
import dev.tickflow.matching.state.RestingOrder;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The matching topology: orders.accepted (one task per symbol partition) into the books, out to executions (key:
 * account), md.ticks (public trades), md.book (L2 changes) and orders.rejected. {@link #build} is what runs and what
 * the tests drive.
 */
@ApplicationScoped
public class MatchingTopology {

    private static final Serde<String> KEYS = Serdes.String();

    @Produces
    Topology topology(@ConfigProperty(name = "tickflow.matching.exchange-zone", defaultValue = "America/New_York") ZoneId zone,
            @ConfigProperty(name = "tickflow.matching.session-close", defaultValue = "16:00") LocalTime close) {
        return build(new TradingSession(zone, close));
    }

    public static Topology build(TradingSession session) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RESTING_ORDERS), KEYS,
                new AvroSerde<>(RecordType.unversioned(RestingOrder.class, RestingOrder.getClassSchema()))));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SYMBOLS), KEYS,
                new AvroSerde<>(RecordType.unversioned(EngineSymbol.class, EngineSymbol.getClassSchema()))));
        AvroSerde<OrderCommand> commands = Topics.ORDERS_ACCEPTED.valueSerde();
        AvroSerde<ExecutionReport> executions = Topics.EXECUTIONS.valueSerde();
        AvroSerde<Tick> ticks = Topics.MD_TICKS.valueSerde();
        AvroSerde<BookUpdate> book = Topics.MD_BOOK.valueSerde();
        AvroSerde<OrderRejected> rejections = Topics.ORDERS_REJECTED.valueSerde();

        KStream<String, SpecificRecord> outputs = builder
                .stream(TopicNames.ORDERS_ACCEPTED, Consumed.with(KEYS, commands).withName("accepted"))
                .process(() -> new MatchingProcessor(session), Named.as("matching"), StoreNames.RESTING_ORDERS, StoreNames.SYMBOLS);
        outputs.split(Named.as("out-"))
                .branch((key, value) -> value instanceof ExecutionReport, Branched.<String, SpecificRecord>withConsumer(stream -> stream
                        .mapValues(value -> (ExecutionReport) value, Named.as("as-execution"))
                        .to(TopicNames.EXECUTIONS, Produced.with(KEYS, executions).withName("executions-sink"))).withName("executions"))
                .branch((key, value) -> value instanceof Tick, Branched.<String, SpecificRecord>withConsumer(stream -> stream
                        .mapValues(value -> (Tick) value, Named.as("as-trade"))
                        .to(TopicNames.MD_TICKS, Produced.with(KEYS, ticks).withName("trades-sink"))).withName("trades"))
                .branch((key, value) -> value instanceof BookUpdate, Branched.<String, SpecificRecord>withConsumer(stream -> stream
                        .mapValues(value -> (BookUpdate) value, Named.as("as-book"))
                        .to(TopicNames.MD_BOOK, Produced.with(KEYS, book).withName("book-sink"))).withName("book"))
                .defaultBranch(Branched.<String, SpecificRecord>withConsumer(stream -> stream
                        .mapValues(value -> (OrderRejected) value, Named.as("as-rejection"))
                        .to(TopicNames.ORDERS_REJECTED, Produced.with(KEYS, rejections).withName("rejections-sink"))).withName("rejected"));
        return builder.build();
    }
}
