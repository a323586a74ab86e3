package dev.tickflow.strategy.warmstart;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.model.DirectionModel;

/**
 * Trains starting weights in batch from stored closed bars, with the very features the live topology computes (the
 * book imbalance is unknown in replay and taken as 0). One pooled model for all symbols: a symbol's own history is
 * short, and the weights are only where its live model starts.
 *
 * <p>Evaluated walk-forward: the examples, in the order of their bars' ends across all symbols, are cut at
 * {@code heldOutShare} from the end; a model trained on the earlier part alone (standardization fitted on it too, so
 * nothing of the later period leaks in) predicts the later part without learning from it, beside the always-up guess
 * on the same outcomes. The published weights are then trained the same way on every example.
 */
public final class WarmStartTrainer {

    /** What training produced: the weights from all examples, and how the same training did on a later, unseen period. */
    public record Result(double[] weights, double bias, double[] means, double[] variances, long examples, long trainedOn,
            long heldOut, long heldOutFromMicros, double heldOutHitRate, double heldOutBaselineRate) {
    }

    /** One training example: a bar's features, whether the next bar closed higher, and when the bar ended. */
    record Example(double[] features, boolean up, long endMicros) {
    }

    private final int history;
    private final int minBars;
    private final ZoneId exchangeZone;

    public WarmStartTrainer(int history, int minBars, ZoneId exchangeZone) {
        this.history = history;
        this.minBars = minBars;
        this.exchangeZone = exchangeZone;
    }

    /**
     * @param symbols each symbol's closed bars, oldest first
     * @param heldOutShare the latest share of examples held out for evaluation, in (0, 1)
     */
    public Result train(Collection<List<Bar>> symbols, int epochs, double learningRate, double l2, double heldOutShare) {
        List<Example> examples = new ArrayList<>();
        for (List<Bar> bars : symbols) {
            examples.addAll(examples(bars));
        }
        // stable: examples of one instant keep the symbols' order
        examples.sort(Comparator.comparingLong(Example::endMicros));
        int cut = (int) Math.round(examples.size() * (1 - heldOutShare));
        // a cut between examples of one instant would put the same moment on both sides
        while (cut > 0 && cut < examples.size() && examples.get(cut).endMicros() == examples.get(cut - 1).endMicros()) {
            cut++;
        }
        List<Example> earlier = examples.subList(0, cut);
        List<Example> later = examples.subList(cut, examples.size());
        double[] heldOut = score(fit(earlier, epochs, learningRate, l2), later);
        DirectionModel published = fit(examples, epochs, learningRate, l2);
        long from = later.isEmpty() ? 0 : later.get(0).endMicros();
        return new Result(published.weights(), published.bias(), published.means(), published.variances(), examples.size(),
                earlier.size(), later.size(), from, heldOut[0], heldOut[1]);
    }

    /** {hit rate, always-up rate} of the model's predictions on these examples, without learning from them. */
    static double[] score(DirectionModel model, List<Example> examples) {
        long hits = 0;
        long ups = 0;
        for (Example example : examples) {
            hits += (model.probabilityUp(model.standardize(example.features())) >= 0.5) == example.up() ? 1 : 0;
            ups += example.up() ? 1 : 0;
        }
        double count = Math.max(1, examples.size());
        return new double[] {hits / count, ups / count};
    }

    /** Standardization fitted on these examples, then epochs of SGD over them in time order. */
    static DirectionModel fit(List<Example> examples, int epochs, double learningRate, double l2) {
        int size = FeatureCalculator.NAMES.size();
        DirectionModel fitted = DirectionModel.untrained(size);
        for (Example example : examples) {
            fitted.observe(example.features());
        }
        DirectionModel model = DirectionModel.warm(new double[size], 0, fitted.means(), fitted.variances(), Math.max(1, examples.size()));
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Example example : examples) {
                model.learn(model.standardize(example.features()), example.up(), learningRate, l2);
            }
        }
        return model;
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
                examples.add(new Example(features, bars.get(i + 1).getClose() > bar.getClose(), bar.getWindowEndMicros()));
            }
        }
        return examples;
    }
}
