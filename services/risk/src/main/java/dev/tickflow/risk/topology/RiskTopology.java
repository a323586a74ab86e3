package dev.tickflow.risk.topology;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.serde.AvroSerde;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.risk.RiskConfig;
import dev.tickflow.risk.state.AccountRisk;
import dev.tickflow.risk.state.OpenOrder;
import dev.tickflow.risk.state.PositionState;
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
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The risk topology; {@link #build} is what the application runs and the tests drive.
 *
 * <pre>
 * orders.submitted --+
 * executions --------+--(one task per account partition)--> risk checks and positions --+--> orders.accepted (key: symbol)
 * orders.rejected ---+        reads: limits, last prices, instruments (global tables)    +--> orders.rejected (key: account)
 * risk.controls -----+
 * </pre>
 *
 * The four inputs are keyed by account with equal partition counts, so one task sees everything about an account.
 * Writing accepted orders keyed by symbol is the repartition step that hands each symbol's flow to one matching task.
 */
@ApplicationScoped
public class RiskTopology {

    private static final Serde<String> KEYS = Serdes.String();

    @Produces
    Topology topology(RiskConfig config) {
        return build(new PreTradeChecks(config.rejectUnknownInstruments()), Limits.of(config.defaultLimits()));
    }

    public static Topology build(PreTradeChecks checks, Limits defaults) {
        AvroSerde<OrderCommand> commands = Topics.ORDERS_SUBMITTED.valueSerde();
        AvroSerde<OrderRejected> rejections = Topics.ORDERS_REJECTED.valueSerde();
        StreamsBuilder builder = new StreamsBuilder();

        // Small tables every task reads: kept in memory, rebuilt from their compacted topics at start.
        builder.globalTable(TopicNames.REF_LIMITS, Consumed.with(KEYS, Topics.REF_LIMITS.valueSerde()).withName("limits-source"),
                Materialized.<String, RiskLimits>as(Stores.inMemoryKeyValueStore(StoreNames.LIMITS)));
        builder.globalTable(TopicNames.MD_DAILY_STATS, Consumed.with(KEYS, Topics.MD_DAILY_STATS.valueSerde()).withName("prices-source"),
                Materialized.<String, DailyStats>as(Stores.inMemoryKeyValueStore(StoreNames.PRICES)));
        builder.globalTable(TopicNames.REF_INSTRUMENTS, Consumed.with(KEYS, Topics.REF_INSTRUMENTS.valueSerde())
                .withName("instruments-source"), Materialized.<String, Instrument>as(Stores.inMemoryKeyValueStore(StoreNames.INSTRUMENTS)));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACCOUNTS), KEYS,
                new AvroSerde<>(RecordType.unversioned(AccountRisk.class, AccountRisk.getClassSchema()))));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.POSITIONS), KEYS,
                new AvroSerde<>(RecordType.unversioned(PositionState.class, PositionState.getClassSchema()))));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OPEN_ORDERS), KEYS,
                new AvroSerde<>(RecordType.unversioned(OpenOrder.class, OpenOrder.getClassSchema()))));

        KStream<String, RiskInput> submitted = builder.stream(TopicNames.ORDERS_SUBMITTED,
                Consumed.with(KEYS, commands).withName("submitted")).mapValues(RiskInput.Command::new, Named.as("as-command"));
        KStream<String, RiskInput> executions = builder.stream(TopicNames.EXECUTIONS,
                Consumed.with(KEYS, Topics.EXECUTIONS.valueSerde()).withName("executions"))
                .mapValues(RiskInput.Execution::new, Named.as("as-execution"));
        KStream<String, RiskInput> rejected = builder.stream(TopicNames.ORDERS_REJECTED,
                Consumed.with(KEYS, rejections).withName("rejected")).mapValues(RiskInput.Rejection::new, Named.as("as-rejection"));
        KStream<String, RiskInput> controls = builder.stream(TopicNames.RISK_CONTROLS,
                Consumed.with(KEYS, Topics.RISK_CONTROLS.valueSerde()).withName("controls"))
                .mapValues(RiskInput.Control::new, Named.as("as-control"));

        submitted.merge(executions, Named.as("with-executions")).merge(rejected, Named.as("with-rejections"))
                .merge(controls, Named.as("with-controls"))
                .filter((account, input) -> account != null, Named.as("keyed"))
                .process(() -> new RiskProcessor(checks, defaults), Named.as("risk"), StoreNames.ACCOUNTS, StoreNames.POSITIONS,
                        StoreNames.OPEN_ORDERS)
                .split(Named.as("risk-"))
                .branch((key, value) -> value instanceof OrderCommand, Branched.<String, SpecificRecord>withConsumer(accepted -> accepted
                        .mapValues(value -> (OrderCommand) value, Named.as("accepted"))
                        .to(TopicNames.ORDERS_ACCEPTED, Produced.with(KEYS, commands).withName("accepted-sink"))).withName("accepted"))
                .defaultBranch(Branched.<String, SpecificRecord>withConsumer(refused -> refused
                        .mapValues(value -> (OrderRejected) value, Named.as("refused"))
                        .to(TopicNames.ORDERS_REJECTED, Produced.with(KEYS, rejections).withName("rejected-sink"))).withName("rejected"));
        return builder.build();
    }
}
