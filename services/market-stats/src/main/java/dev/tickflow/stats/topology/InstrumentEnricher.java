package dev.tickflow.stats.topology;

import dev.tickflow.model.Instrument;
import dev.tickflow.model.Tick;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Joins a tick with its instrument from the instruments global store (null while reference data does not know it). */
final class InstrumentEnricher implements FixedKeyProcessor<String, Tick, EnrichedTick> {

    private FixedKeyProcessorContext<String, EnrichedTick> context;
    private TimestampedKeyValueStore<String, Instrument> instruments;

    @Override
    public void init(FixedKeyProcessorContext<String, EnrichedTick> context) {
        this.context = context;
        instruments = context.getStateStore(StoreNames.INSTRUMENTS);
    }

    @Override
    public void process(FixedKeyRecord<String, Tick> record) {
        ValueAndTimestamp<Instrument> instrument = record.key() == null ? null : instruments.get(record.key());
        context.forward(record.withValue(new EnrichedTick(record.value(), instrument == null ? null : instrument.value())));
    }
}
