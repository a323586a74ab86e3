package dev.tickflow.feed.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Geometric Brownian motion per instrument, stepped by the wall time elapsed since the instrument's previous tick:
 * {@code S' = S * exp(-sigma^2 dt / 2 + sigma sqrt(dt) Z)} with zero drift. The continuous path is a model quantity
 * kept in a double; what leaves the model is the price rounded to the instrument's tick size, in exact micro-units.
 * Not thread-safe: the simulator thread owns it.
 */
final class PriceModel {

    /** 252 sessions of 6.5 hours: volatilities are quoted per trading year. */
    private static final double TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;

    private final double[] price;
    private final double[] sigma;
    private final long[] tickSize;
    private final long[] lastMicros;

    PriceModel(List<SimulatedInstrument> instruments, double volatilityScale, long startMicros) {
        int n = instruments.size();
        price = new double[n];
        sigma = new double[n];
        tickSize = new long[n];
        lastMicros = new long[n];
        for (int i = 0; i < n; i++) {
            SimulatedInstrument instrument = instruments.get(i);
            price[i] = instrument.referencePrice();
            sigma[i] = instrument.annualVolatility() * volatilityScale;
            tickSize[i] = instrument.tickSize();
            lastMicros[i] = startMicros;
        }
    }

    /** The next trade price of instrument {@code i} at {@code nowMicros}, a positive multiple of its tick size. */
    long next(int i, long nowMicros, SplittableRandom random) {
        double dtYears = Math.max(0, nowMicros - lastMicros[i]) / 1e6 / TRADING_SECONDS_PER_YEAR;
        lastMicros[i] = Math.max(lastMicros[i], nowMicros);
        double s = sigma[i];
        double z = random.nextGaussian();
        price[i] *= Math.exp(-0.5 * s * s * dtYears + s * Math.sqrt(dtYears) * z);
        long ticks = Math.max(1L, Math.round(price[i] / tickSize[i]));
        return ticks * tickSize[i];
    }
}
