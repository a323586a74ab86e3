package dev.tickflow.stats.topology;

import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;

/** What {@link TickAggregator} emits, one stream split three ways by the topology. Never serialized. */
sealed interface StatsUpdate {

    /** The open 1-minute bar as it stands. */
    record LiveBar(Bar bar) implements StatsUpdate {
    }

    /** A 1-minute bar whose window and grace have passed: emitted once. */
    record ClosedBar(Bar bar) implements StatsUpdate {
    }

    /** A symbol's session as it stands. */
    record Session(DailyStats stats) implements StatsUpdate {
    }
}
