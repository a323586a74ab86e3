package dev.tickflow.feed.simulator;

/**
 * One instrument the simulator trades.
 *
 * @param annualVolatility sigma of the price's log returns over a trading year
 */
public record SimulatedInstrument(String symbol, String name, String sector, String currency, long tickSize,
        long referencePrice, double annualVolatility) {
}
