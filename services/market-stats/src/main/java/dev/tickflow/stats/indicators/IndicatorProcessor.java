package dev.tickflow.stats.indicators;

import java.time.LocalDate;
import java.time.ZoneId;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.stats.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each symbol's indicator state current with its closed 1-minute bars, in a queryable store. */
public final class IndicatorProcessor implements Processor<String, Bar, Void, Void> {

    private final IndicatorCalculator calculator;
    private final ZoneId exchangeZone;
    private KeyValueStore<String, IndicatorState> store;

    public IndicatorProcessor(IndicatorCalculator calculator, ZoneId exchangeZone) {
        this.calculator = calculator;
        this.exchangeZone = exchangeZone;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.INDICATORS);
    }

    @Override
    public void process(Record<String, Bar> record) {
        Bar bar = record.value();
        if (bar == null) {
            return;
        }
        IndicatorState state = store.get(record.key());
        if (state == null) {
            state = calculator.initial(record.key());
        }
        String session = LocalDate.ofInstant(EventTime.toInstant(bar.getWindowStartMicros()), exchangeZone).toString();
        store.put(record.key(), calculator.update(state, bar, session));
    }
}
