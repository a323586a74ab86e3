package dev.tickflow.refdata.instruments;

import dev.tickflow.model.FixedPoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An instrument as the API shows it. */
@RegisterForReflection
public record InstrumentView(String symbol, String name, String currency, String tickSize, long lotSize, String sector,
        boolean tradable, String updatedAt) {

    static InstrumentView of(InstrumentEntity entity) {
        return new InstrumentView(entity.symbol, entity.name, entity.currency, FixedPoint.format(entity.tickSize), entity.lotSize,
                entity.sector, entity.tradable, entity.updatedAt.toInstant().toString());
    }
}
