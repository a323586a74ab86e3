package dev.tickflow.surveillance.topology;

import java.time.Instant;
import java.util.List;

import dev.tickflow.model.Account;
import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Severity;
import dev.tickflow.model.Side;
import dev.tickflow.surveillance.patterns.Alerts;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Wash trades, in two steps because one owner's accounts live in different partitions: first each buy-side trade whose
 * two sides have the same beneficial owner is re-keyed by that owner; then, in the owner's task, one alert per owner
 * and symbol per window. The quiet periods sit in a window store, so they expire with their window.
 */
final class WashTrades {

    private WashTrades() {
    }

    /** Trades between two accounts of one owner, keyed by the owner; checked on the buy side only, so once per trade. */
    static final class SameOwner implements Processor<String, ExecutionReport, String, ExecutionReport> {

        private ProcessorContext<String, ExecutionReport> context;
        private KeyValueStore<String, ValueAndTimestamp<Account>> owners;

        @Override
        public void init(ProcessorContext<String, ExecutionReport> context) {
            this.context = context;
            this.owners = context.getStateStore(StoreNames.OWNERS);
        }

        @Override
        public void process(Record<String, ExecutionReport> record) {
            ExecutionReport report = record.value();
            if (report == null || report.getExecType() != ExecType.TRADE || report.getSide() != Side.BUY
                    || report.getCounterpartyAccount() == null || report.getAccount() == null) {
                return;
            }
            String buyer = owner(report.getAccount());
            if (buyer.equals(owner(report.getCounterpartyAccount()))) {
                context.forward(record.withKey(buyer));
            }
        }

        /** The beneficial owner: the account's group, or the account itself when reference data names none. */
        private String owner(String account) {
            ValueAndTimestamp<Account> known = owners.get(account);
            return known == null || known.value() == null || known.value().getOwnerGroup() == null ? account
                    : known.value().getOwnerGroup();
        }
    }

    /** In the owner's task: an alert, unless this owner already had one for the symbol within the window. */
    static final class OncePerWindow implements Processor<String, ExecutionReport, String, Alert> {

        private final SurveillanceSettings settings;
        private ProcessorContext<String, Alert> context;
        private WindowStore<String, Long> alerted;

        OncePerWindow(SurveillanceSettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(ProcessorContext<String, Alert> context) {
            this.context = context;
            this.alerted = context.getStateStore(StoreNames.WASH_ALERTED);
        }

        @Override
        public void process(Record<String, ExecutionReport> record) {
            ExecutionReport report = record.value();
            String owner = record.key();
            long now = report.getTransactTimeMicros();
            String key = owner + "|" + report.getSymbol();
            long nowMillis = now / 1_000;
            // an alert strictly less than a window ago keeps the owner quiet for the symbol
            Instant from = Instant.ofEpochMilli(nowMillis - settings.washWindow().toMillis() + 1);
            try (WindowStoreIterator<Long> recent = alerted.fetch(key, from, Instant.ofEpochMilli(nowMillis))) {
                if (recent.hasNext()) {
                    return;
                }
            }
            alerted.put(key, now, nowMillis);
            String buyer = report.getAccount();
            String seller = report.getCounterpartyAccount();
            Alert alert = Alerts.of(AlertType.WASH_TRADE, Severity.CRITICAL, buyer, report.getSymbol(), null,
                    buyer + " bought " + report.getLastQuantity() + " " + report.getSymbol() + " from " + seller + ", both owned by "
                            + owner, List.of(new Evidence("execution", report.getExecutionId(), now, "trade " + report.getTradeId() + ": "
                            + report.getLastQuantity() + " @ " + FixedPoint.format(report.getLastPrice()) + " between " + buyer + " and "
                            + seller)), now, now, now);
            context.forward(new Record<>(buyer, alert, record.timestamp()));
        }
    }
}
