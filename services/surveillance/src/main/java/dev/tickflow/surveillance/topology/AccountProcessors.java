package dev.tickflow.surveillance.topology;

import dev.tickflow.model.Account;
import dev.tickflow.model.Alert;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The two inputs of the account patterns, each a processor on the shared account store. */
final class AccountProcessors {

    private AccountProcessors() {
    }

    static AccountPatterns patterns(SurveillanceSettings settings, ProcessorContext<String, Alert> context) {
        KeyValueStore<String, ValueAndTimestamp<DailyStats>> lastTrades = context.getStateStore(StoreNames.LAST_TRADES);
        KeyValueStore<String, ValueAndTimestamp<Account>> owners = context.getStateStore(StoreNames.OWNERS);
        return new AccountPatterns(settings, context.getStateStore(StoreNames.ACCOUNTS), lastTrades, owners);
    }

    /** orders.submitted. */
    static final class Commands implements Processor<String, OrderCommand, String, Alert> {

        private final SurveillanceSettings settings;
        private ProcessorContext<String, Alert> context;
        private AccountPatterns patterns;

        Commands(SurveillanceSettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            this.patterns = patterns(settings, context);
        }

        @Override
        public void process(Record<String, OrderCommand> record) {
            if (record.key() != null && record.value() != null) {
                for (Alert alert : patterns.command(record.key(), record.value())) {
                    context.forward(new Record<>(record.key(), alert, record.timestamp()));
                }
            }
        }
    }

    /** executions. */
    static final class Executions implements Processor<String, ExecutionReport, String, Alert> {

        private final SurveillanceSettings settings;
        private ProcessorContext<String, Alert> context;
        private AccountPatterns patterns;

        Executions(SurveillanceSettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            this.patterns = patterns(settings, context);
        }

        @Override
        public void process(Record<String, ExecutionReport> record) {
            if (record.key() != null && record.value() != null) {
                for (Alert alert : patterns.execution(record.key(), record.value())) {
                    context.forward(new Record<>(record.key(), alert, record.timestamp()));
                }
            }
        }
    }
}
