package dev.tickflow.surveillance.topology;

import java.util.concurrent.TimeUnit;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.surveillance.state.OrderArrival;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the order-execution join measures for each order's first fill: the time from submission to the first fill,
 * and the slippage of its price from the last trade when the order arrived, in basis points (positive: worse for the
 * order's side).
 */
public final class FillTimingMeter {

    private final Timer timeToFirstFill;
    private final DistributionSummary slippage;

    public FillTimingMeter(MeterRegistry registry) {
        this.timeToFirstFill = Timer.builder("tickflow.surveillance.time.to.first.fill")
                .description("order submitted to its first fill").publishPercentileHistogram().register(registry);
        this.slippage = DistributionSummary.builder("tickflow.surveillance.first.fill.slippage.bp")
                .description("first fill price against the last trade at arrival, basis points, positive when worse for the order")
                .publishPercentileHistogram().register(registry);
    }

    /** Records the first fill of an order; returns the slippage in basis points, or null without an arrival price. */
    Double record(OrderArrival order, ExecutionReport fill) {
        long waited = fill.getTransactTimeMicros() - order.getSubmittedAtMicros();
        if (waited >= 0) {
            timeToFirstFill.record(waited, TimeUnit.MICROSECONDS);
        }
        if (order.getArrivalPrice() <= 0 || fill.getLastPrice() == null) {
            return null;
        }
        double difference = FixedPoint.toBigDecimal(fill.getLastPrice() - order.getArrivalPrice()).doubleValue()
                / FixedPoint.toBigDecimal(order.getArrivalPrice()).doubleValue() * 10_000;
        double worse = "BUY".equals(order.getSide()) ? difference : -difference;
        slippage.record(worse);
        return worse;
    }
}
