package dev.tickflow.surveillance.topology;

import java.util.List;
import java.util.function.BiFunction;

import dev.tickflow.model.Alert;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * One input of the account patterns (orders.submitted or executions) as a processor on the shared account store: each
 * record goes to its pattern step, and the alerts it raises go on, keyed by the account.
 */
final class AccountProcessors<V> implements Processor<String, V, String, Alert> {

    /** Which step of the patterns a record of this input takes. */
    interface Step<V> extends BiFunction<AccountPatterns, Record<String, V>, List<Alert>> {
    }

    private final SurveillanceSettings settings;
    private final Step<V> step;
    private ProcessorContext<String, Alert> context;
    private AccountPatterns patterns;

    private AccountProcessors(SurveillanceSettings settings, Step<V> step) {
        this.settings = settings;
        this.step = step;
    }

    static AccountProcessors<OrderCommand> commands(SurveillanceSettings settings) {
        return new AccountProcessors<>(settings, (patterns, record) -> patterns.command(record.key(), record.value()));
    }

    static AccountProcessors<ExecutionReport> executions(SurveillanceSettings settings) {
        return new AccountProcessors<>(settings, (patterns, record) -> patterns.execution(record.key(), record.value()));
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        KeyValueStore<String, ValueAndTimestamp<DailyStats>> lastTrades = context.getStateStore(StoreNames.LAST_TRADES);
        this.patterns = new AccountPatterns(settings, context.getStateStore(StoreNames.ACCOUNTS), lastTrades);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() != null && record.value() != null) {
            for (Alert alert : step.apply(patterns, record)) {
                context.forward(new Record<>(record.key(), alert, record.timestamp()));
            }
        }
    }
}
