package dev.tickflow.surveillance.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.Severity;
import dev.tickflow.surveillance.patterns.Alerts;
import dev.tickflow.surveillance.state.AccountWatch;
import dev.tickflow.surveillance.state.WatchedFill;
import dev.tickflow.surveillance.state.WatchedOrder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The patterns over one account's orders and executions (both keyed by account, so they meet in one task): spoofing
 * or layering and order-rate spikes (wash trades need the owner's task: {@link WashTrades}). Time is the events' own
 * (submission and transaction times).
 */
final class AccountPatterns {

    private final SurveillanceSettings settings;
    private final KeyValueStore<String, AccountWatch> store;
    private final KeyValueStore<String, ValueAndTimestamp<DailyStats>> lastTrades;

    AccountPatterns(SurveillanceSettings settings, KeyValueStore<String, AccountWatch> store,
            KeyValueStore<String, ValueAndTimestamp<DailyStats>> lastTrades) {
        this.settings = settings;
        this.store = store;
        this.lastTrades = lastTrades;
    }

    /** A command entered by the account: order rate, and large orders away from the last trade. */
    List<Alert> command(String account, OrderCommand command) {
        AccountWatch watch = watch(account);
        long now = command.getSubmittedAtMicros();
        List<Alert> alerts = new ArrayList<>();
        List<Long> times = watch.getOrderTimes();
        long rateStart = now - SurveillanceSettings.micros(settings.orderWindow());
        times.removeIf(time -> time < rateStart);
        times.add(now);
        if (times.size() > settings.maxOrders() && quiet(watch, "rate", now, settings.orderWindow())) {
            alerts.add(Alerts.of(AlertType.ORDER_RATE_SPIKE, Severity.WARNING, account, null, null, times.size()
                    + " order commands within " + settings.orderWindow().toSeconds() + " s (more than " + settings.maxOrders() + ")",
                    List.of(new Evidence("commands", command.getCommandId(), now, times.size() + " commands since "
                            + times.get(0))), times.get(0), now, now));
        }
        if (command.getCommand() instanceof NewOrder order && order.getQuantity() >= settings.largeQuantity()
                && order.getLimitPrice() != null) {
            long reference = lastTrade(command.getSymbol());
            if (reference > 0 && Math.abs(order.getLimitPrice() - reference) * 10_000 >= (long) settings.awayBp() * reference) {
                watch.getOrders().add(new WatchedOrder(command.getOrderId(), command.getSymbol(), order.getSide().name(),
                        order.getQuantity(), order.getLimitPrice(), reference, now, null));
            }
        }
        prune(watch, now);
        store.put(account, watch);
        return alerts;
    }

    /** The reason the matching engine gives a cancel its owner asked for (its CancelReason.REQUESTED). */
    static final String TRADER_CANCEL = "REQUESTED";

    /** An execution report of the account: confirmed cancels and fills feed spoofing. */
    List<Alert> execution(String account, ExecutionReport report) {
        AccountWatch watch = watch(account);
        long now = report.getTransactTimeMicros();
        List<Alert> alerts = new ArrayList<>();
        if (report.getExecType() == ExecType.CANCELED && TRADER_CANCEL.equals(report.getText())) {
            // only what the trader pulled: the engine also cancels (an IOC's rest, self-trade prevention, no liquidity)
            for (WatchedOrder order : watch.getOrders()) {
                if (order.getOrderId().equals(report.getOrderId()) && order.getCancelledAtMicros() == null) {
                    order.setCancelledAtMicros(now);
                }
            }
        } else if (report.getExecType() == ExecType.TRADE && report.getLastPrice() != null) {
            // an order that trades was meant to: whatever happens to its rest, it is no spoofing candidate
            watch.getOrders().removeIf(order -> order.getOrderId().equals(report.getOrderId()));
            watch.getFills().add(new WatchedFill(report.getExecutionId(), report.getSymbol(), report.getSide().name(),
                    report.getLastQuantity(), report.getLastPrice(), now));
        } else {
            return alerts;
        }
        prune(watch, now);
        spoofing(account, report.getSymbol(), watch, now).ifPresent(alerts::add);
        store.put(account, watch);
        return alerts;
    }

    /**
     * Enough large orders away from the last trade, each cancelled soon after it was placed without a single fill, on one
     * side of the symbol within the window, while the account traded on the other side within the window.
     */
    private Optional<Alert> spoofing(String account, String symbol, AccountWatch watch, long now) {
        long cancelWithin = SurveillanceSettings.micros(settings.cancelWithin());
        Map<String, List<WatchedOrder>> pulledBySide = new HashMap<>();
        for (WatchedOrder order : watch.getOrders()) {
            if (order.getSymbol().equals(symbol) && order.getCancelledAtMicros() != null
                    && order.getCancelledAtMicros() - order.getPlacedAtMicros() <= cancelWithin) {
                pulledBySide.computeIfAbsent(order.getSide(), unused -> new ArrayList<>()).add(order);
            }
        }
        for (Map.Entry<String, List<WatchedOrder>> side : pulledBySide.entrySet()) {
            if (side.getValue().size() < settings.spoofOrders()) {
                continue;
            }
            String other = side.getKey().equals("BUY") ? "SELL" : "BUY";
            List<WatchedFill> fills = watch.getFills().stream()
                    .filter(fill -> fill.getSymbol().equals(symbol) && fill.getSide().equals(other)).toList();
            if (fills.isEmpty() || !quiet(watch, "spoof:" + symbol, now, settings.spoofWindow())) {
                continue;
            }
            List<Evidence> evidence = new ArrayList<>();
            for (WatchedOrder order : side.getValue()) {
                evidence.add(new Evidence("order", order.getOrderId(), order.getPlacedAtMicros(), order.getSide() + " "
                        + order.getQuantity() + " @ " + FixedPoint.format(order.getLimitPrice()) + " (last " + FixedPoint.format(
                        order.getReferencePrice()) + "), cancelled after " + (order.getCancelledAtMicros() - order.getPlacedAtMicros())
                        / 1_000 + " ms"));
            }
            for (WatchedFill fill : fills) {
                evidence.add(new Evidence("execution", fill.getExecutionId(), fill.getAtMicros(), fill.getSide() + " "
                        + fill.getQuantity() + " @ " + FixedPoint.format(fill.getPrice())));
            }
            long first = side.getValue().get(0).getPlacedAtMicros();
            return Optional.of(Alerts.of(AlertType.SPOOFING, Severity.CRITICAL, account, symbol, null,
                    side.getValue().size() + " large " + side.getKey() + " orders away from the market cancelled within "
                            + settings.cancelWithin().toSeconds() + " s while trading " + other, evidence, first, now, now));
        }
        return Optional.empty();
    }

    private long lastTrade(String symbol) {
        ValueAndTimestamp<DailyStats> stats = lastTrades.get(symbol);
        return stats == null || stats.value() == null ? 0 : stats.value().getLast();
    }

    /** True (and quiet from now on for the window) when the pattern has not alerted for this key within the window. */
    private static boolean quiet(AccountWatch watch, String key, long now, Duration window) {
        Long until = watch.getQuietUntil().get(key);
        if (until != null && now < until) {
            return false;
        }
        watch.getQuietUntil().put(key, now + SurveillanceSettings.micros(window));
        return true;
    }

    private void prune(AccountWatch watch, long now) {
        long orderStart = now - SurveillanceSettings.micros(settings.spoofWindow());
        watch.getOrders().removeIf(order -> order.getPlacedAtMicros() < orderStart);
        watch.getFills().removeIf(fill -> fill.getAtMicros() < orderStart);
        watch.getQuietUntil().values().removeIf(until -> until < now);
    }

    /** The account's state, its lists as plain mutable lists (Avro's arrays cannot remove while iterating). */
    private AccountWatch watch(String account) {
        AccountWatch watch = store.get(account);
        if (watch == null) {
            return new AccountWatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new HashMap<>());
        }
        watch.setOrders(new ArrayList<>(watch.getOrders()));
        watch.setFills(new ArrayList<>(watch.getFills()));
        watch.setOrderTimes(new ArrayList<>(watch.getOrderTimes()));
        watch.setQuietUntil(new HashMap<>(watch.getQuietUntil()));
        return watch;
    }
}
