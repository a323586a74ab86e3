package dev.tickflow.strategy.warmstart;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.model.DirectionModel;

/**
 * Trains starting weights in batch from stored closed bars, with the very features the live topology computes (the
 * book imbalance is unknown in replay and taken as 0). One pooled model for all symbols: a symbol's own history is
 * short, and the weights are only where its live model starts. Standardization is fitted on all examples first; then
 * a few passes of the same SGD, each example predicted before it is learned, so the reported hit rate is a progressive
 * (out-of-sample as it goes) estimate rather than a fit to data already learned.
 */
public final class WarmStartTrainer {

    /** What training produced. */
    public record Result(double[] weights, double bias, double[] means, double[] variances, long examples, double hitRate,
            double baselineRate) {
    }

    /** One training example: a bar's features and whether the next bar closed higher. */
    record Example(double[] features, boolean up) {
    }

    private final int history;
    private final int minBars;
    private final ZoneId exchangeZone;

    public WarmStartTrainer(int history, int minBars, ZoneId exchangeZone) {
        this.history = history;
        this.minBars = minBars;
        this.exchangeZone = exchangeZone;
    }

    /** @param symbols each symbol's closed bars, oldest first */
    public Result train(Collection<List<Bar>> symbols, int epochs, double learningRate, double l2) {
        List<Example> examples = new ArrayList<>();
        for (List<Bar> bars : symbols) {
            examples.addAll(examples(bars));
        }
        int size = FeatureCalculator.NAMES.size();
        DirectionModel fitted = DirectionModel.untrained(size);
        for (Example example : examples) {
            fitted.observe(example.features());
        }
        DirectionModel model = DirectionModel.warm(new double[size], 0, fitted.means(), fitted.variances(), Math.max(1, examples.size()));
        long hits = 0;
        long ups = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            hits = 0;
            ups = 0;
            for (Example example : examples) {
                double[] standardized = model.standardize(example.features());
                hits += (model.probabilityUp(standardized) >= 0.5) == example.up() ? 1 : 0;
                ups += example.up() ? 1 : 0;
                model.learn(standardized, example.up(), learningRate, l2);
            }
        }
        double count = Math.max(1, examples.size());
        return new Result(model.weights(), model.bias(), fitted.means(), fitted.variances(), examples.size(), hits / count, ups / count);
    }

    /** The symbol's examples, replaying the live step: features from the bars so far, outcome from the next bar. */
    List<Example> examples(List<Bar> bars) {
        List<Example> examples = new ArrayList<>();
        List<Long> closes = new ArrayList<>();
        List<Long> volumes = new ArrayList<>();
        String session = "";
        long turnover = 0;
        long volume = 0;
        for (int i = 0; i < bars.size() - 1; i++) {
            Bar bar = bars.get(i);
            String date = LocalDate.ofInstant(EventTime.toInstant(bar.getWindowStartMicros()), exchangeZone).toString();
            if (!date.equals(session)) {
                session = date;
                turnover = 0;
                volume = 0;
            }
            turnover += bar.getTurnover();
            volume += bar.getVolume();
            closes.add(bar.getClose());
            volumes.add(bar.getVolume());
            if (closes.size() > history) {
                closes.remove(0);
                volumes.remove(0);
            }
            if (i + 1 >= minBars) {
                double[] features = FeatureCalculator.compute(closes, volumes, turnover, volume, 0, 0);
                examples.add(new Example(features, bars.get(i + 1).getClose() > bar.getClose()));
            }
        }
        return examples;
    }
}
