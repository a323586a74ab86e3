package dev.tickflow.stats.topology;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.stats.metrics.StatsMetrics;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a windowed aggregate into a bar keyed by symbol: stamps the window and interval, marks it closed or live, and
 * meters how long after the trade (live) or after the window's end (closed) it left. A closed bar's record timestamp is
 * its window start, so the longer intervals window the closed bars by when they happened.
 */
final class BarEmitter implements Processor<Windowed<String>, Bar, String, Bar> {

    private final int intervalSeconds;
    private final boolean closed;
    private final StatsMetrics metrics;
    private ProcessorContext<String, Bar> context;

    BarEmitter(int intervalSeconds, boolean closed, StatsMetrics metrics) {
        this.intervalSeconds = intervalSeconds;
        this.closed = closed;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Bar> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Windowed<String>, Bar> record) {
        Bar aggregate = record.value();
        if (aggregate == null || aggregate.getTradeCount() == 0) {
            return;
        }
        long startMillis = record.key().window().start();
        long endMillis = record.key().window().end();
        Bar bar = Bar.newBuilder(aggregate)
                .setSymbol(record.key().key())
                .setIntervalSeconds(intervalSeconds)
                .setWindowStartMicros(EventTime.fromMillis(startMillis))
                .setWindowEndMicros(EventTime.fromMillis(endMillis))
                .setClosed(closed)
                .build();
        long now = System.currentTimeMillis();
        if (closed) {
            metrics.barEmitted(intervalSeconds, true, now - endMillis);
            context.forward(new Record<>(bar.getSymbol(), bar, startMillis));
        } else {
            metrics.barEmitted(intervalSeconds, false, now - EventTime.toMillis(bar.getLastEventTimeMicros()));
            context.forward(new Record<>(bar.getSymbol(), bar, record.timestamp()));
        }
    }
}
