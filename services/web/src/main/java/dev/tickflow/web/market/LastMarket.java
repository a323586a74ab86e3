package dev.tickflow.web.market;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.model.Movers;
import dev.tickflow.model.Tick;
import jakarta.enterprise.context.ApplicationScoped;

/** The newest trade per symbol and the newest movers this instance has seen, for answers that need no round trip. */
@ApplicationScoped
public class LastMarket {

    private final Map<String, Tick> lastTicks = new ConcurrentHashMap<>();
    private volatile Movers movers;

    void tick(Tick tick) {
        lastTicks.merge(tick.getSymbol(), tick, (old, candidate) ->
                candidate.getEventTimeMicros() >= old.getEventTimeMicros() ? candidate : old);
    }

    void movers(Movers latest) {
        movers = latest;
    }

    public Optional<Tick> lastTick(String symbol) {
        return Optional.ofNullable(lastTicks.get(symbol));
    }

    public Optional<Movers> movers() {
        return Optional.ofNullable(movers);
    }
}
