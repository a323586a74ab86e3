package dev.tickflow.strategy.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.model.DirectionModel;
import dev.tickflow.strategy.model.Scorecard;
import dev.tickflow.strategy.state.SymbolState;

/** Creating a symbol's state, and moving its model between the state and {@link DirectionModel}. */
final class SymbolStates {

    private SymbolStates() {
    }

    static SymbolState initial(String symbol) {
        SymbolState state = new SymbolState();
        state.setSymbol(symbol);
        state.setBarCount(0L);
        state.setLastBarEndMicros(0L);
        state.setCloses(new ArrayList<>());
        state.setVolumes(new ArrayList<>());
        state.setSessionDate("");
        state.setSessionTurnover(0L);
        state.setSessionVolume(0L);
        state.setBids(new HashMap<>());
        state.setAsks(new HashMap<>());
        store(state, DirectionModel.untrained(FeatureCalculator.NAMES.size()));
        state.setWarmStart(null);
        state.setPending(null);
        state.setPendingProbability(0.0);
        state.setPendingClose(0L);
        state.setPredictions(0L);
        state.setHits(0L);
        state.setBaselineHits(0L);
        state.setLogLossSum(0.0);
        state.setRecent(new ArrayList<>());
        state.setFastAboveSlow(null);
        state.setMomentumState(0);
        state.setBandState(0);
        state.setLastFeatures(new HashMap<>());
        state.setLastProbability(null);
        state.setLastAction(null);
        state.setLastConfidence(0.0);
        state.setLastReasons(new ArrayList<>());
        return state;
    }

    static DirectionModel model(SymbolState state) {
        return new DirectionModel(array(state.getWeights()), state.getBias(), array(state.getMeans()), array(state.getM2()),
                state.getSeen(), state.getLearned());
    }

    static void store(SymbolState state, DirectionModel model) {
        state.setWeights(list(model.weights()));
        state.setBias(model.bias());
        state.setMeans(list(model.means()));
        state.setM2(list(model.m2()));
        state.setSeen(model.seen());
        state.setLearned(model.learned());
    }

    static double[] array(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    /** The rolling hit rate of the model and of the always-up guess over the window; NaN before any outcome. */
    static double[] rates(SymbolState state) {
        int hits = 0;
        int ups = 0;
        for (int packed : state.getRecent()) {
            hits += Scorecard.hit(packed) ? 1 : 0;
            ups += Scorecard.up(packed) ? 1 : 0;
        }
        int count = state.getRecent().size();
        return count == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {(double) hits / count, (double) ups / count};
    }
}
