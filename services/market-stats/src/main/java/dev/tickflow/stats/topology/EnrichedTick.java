package dev.tickflow.stats.topology;

import dev.tickflow.model.Instrument;
import dev.tickflow.model.Tick;

/**
 * A tick joined with its instrument; {@code instrument} is null while reference data does not know the symbol yet.
 * Lives only between the join and the aggregations of one sub-topology: never serialized.
 */
public record EnrichedTick(Tick tick, Instrument instrument) {

    public boolean enriched() {
        return instrument != null;
    }
}
