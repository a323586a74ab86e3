package dev.tickflow.feed.instruments;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.simulator.InstrumentUniverse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The symbols market-feed accepts: the simulator's universe, configured extras, and every instrument published on
 * ref.instruments (added and removed as reference data changes).
 */
@ApplicationScoped
public class KnownSymbols {

    private final Set<String> fixed = ConcurrentHashMap.newKeySet();
    private final Set<String> reference = ConcurrentHashMap.newKeySet();

    KnownSymbols(InstrumentUniverse universe, FeedConfig config) {
        universe.instruments().forEach(instrument -> fixed.add(instrument.symbol()));
        config.extraSymbols().ifPresent(fixed::addAll);
    }

    public boolean contains(String symbol) {
        return fixed.contains(symbol) || reference.contains(symbol);
    }

    void referenceAdded(String symbol) {
        reference.add(symbol);
    }

    void referenceRemoved(String symbol) {
        reference.remove(symbol);
    }

    public int size() {
        Set<String> all = ConcurrentHashMap.newKeySet();
        all.addAll(fixed);
        all.addAll(reference);
        return all.size();
    }
}
