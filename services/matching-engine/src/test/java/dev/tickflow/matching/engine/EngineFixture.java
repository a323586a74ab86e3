package dev.tickflow.matching.engine;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordType;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.sequencer.MachineDriver;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The production matching machine in a {@link MachineDriver}, reading what it writes per topic. */
final class EngineFixture {

    static final TradingSession NEW_YORK = new TradingSession(ZoneId.of("America/New_York"), LocalTime.of(16, 0));

    final MatchingMachine machine;
    final MachineDriver driver;
    final Outbox<ExecutionReport> executions = new Outbox<>(TopicNames.EXECUTIONS, RecordTypes.EXECUTION_REPORT);
    final Outbox<Tick> trades = new Outbox<>(TopicNames.MD_TICKS, RecordTypes.TICK);
    final Outbox<BookUpdate> book = new Outbox<>(TopicNames.MD_BOOK, RecordTypes.BOOK_UPDATE);
    final Outbox<OrderRejected> rejected = new Outbox<>(TopicNames.ORDERS_REJECTED, RecordTypes.ORDER_REJECTED);

    EngineFixture() {
        this(new MatchingMachine(NEW_YORK, () -> 1_795_000_000_000_000L));
    }

    EngineFixture(MatchingMachine machine) {
        this.machine = machine;
        this.driver = new MachineDriver(MatchingEngine.SERVICE, MatchingEngine.INPUTS, Map.of(TopicNames.EXECUTIONS, 6,
                TopicNames.MD_TICKS, 6, TopicNames.MD_BOOK, 6, TopicNames.ORDERS_REJECTED, 6), machine);
    }

    void send(OrderCommand command) {
        driver.pipe(TopicNames.ORDERS_ACCEPTED, command.getSymbol(), RecordTypes.ORDER_COMMAND.encode(command));
    }

    /** Every report since the last call, as {@code <orderId> <execType>}. */
    List<String> reports() {
        return executions.readValuesToList().stream().map(report -> report.getOrderId() + " " + report.getExecType()).toList();
    }

    /** A record written by the machine, decoded. */
    record Received<V>(String key, V value) {
    }

    /** What the machine wrote to a topic, read once. */
    final class Outbox<V extends SpecificRecord> {
        private final String topic;
        private final RecordType<V> type;

        Outbox(String topic, RecordType<V> type) {
            this.topic = topic;
            this.type = type;
        }

        List<Received<V>> readRecordsToList() {
            List<Received<V>> records = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : driver.read(topic)) {
                records.add(new Received<>(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        type.decode(record.value())));
            }
            return records;
        }

        List<V> readValuesToList() {
            return readRecordsToList().stream().map(Received::value).toList();
        }

        boolean isEmpty() {
            return readRecordsToList().isEmpty();
        }
    }
}
