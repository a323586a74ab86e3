package dev.tickflow.strategy.topology;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tickflow.model.Bar;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Features;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.ModelWeights;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.Signal;
import dev.tickflow.model.SignalDirection;
import dev.tickflow.strategy.features.FeatureCalculator;
import dev.tickflow.strategy.model.DirectionModel;
import dev.tickflow.strategy.model.Scorecard;
import dev.tickflow.strategy.signals.Recommender;
import dev.tickflow.strategy.signals.Rules;
import dev.tickflow.strategy.state.BookMarks;
import dev.tickflow.strategy.state.SymbolState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The strategy's step per closed 1-minute bar of a symbol, in this order: score the previous prediction against this
 * bar and learn from it; compute this bar's features (from this bar, earlier ones and the book as it stood at
 * the bar's end only); predict the next bar;
 * evaluate the rules; recommend. A bar at or before the last one seen is a replay and changes nothing.
 */
final class BarProcessor implements Processor<String, Bar, String, SpecificRecord> {

    static final String FEATURES_SINK = "features-sink";
    static final String SIGNALS_SINK = "signals-sink";
    static final String RECOMMENDATIONS_SINK = "recommendations-sink";
    /** How many observations warm-start standardization counts for: it keeps adapting to the live market. */
    private static final long WARM_CONFIDENCE = 100;

    private final StrategySettings settings;
    private final StrategyMeters meters;
    private final Clock clock;
    private final int keep;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SymbolState> store;
    private KeyValueStore<String, ValueAndTimestamp<ModelWeights>> warm;
    private KeyValueStore<String, BookMarks> marks;

    BarProcessor(StrategySettings settings, StrategyMeters meters, Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        this.keep = settings.history();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SYMBOLS);
        this.warm = context.getStateStore(StoreNames.WARM_WEIGHTS);
        this.marks = context.getStateStore(StoreNames.BOOK_MARKS);
    }

    @Override
    public void process(Record<String, Bar> record) {
        Bar bar = record.value();
        String symbol = record.key();
        if (symbol == null || bar == null || bar.getTradeCount() == 0) {
            return;
        }
        SymbolState state = store.get(symbol);
        if (state == null) {
            state = SymbolStates.initial(symbol);
        }
        if (bar.getWindowEndMicros() <= state.getLastBarEndMicros()) {
            return;
        }
        state.setLastBarEndMicros(bar.getWindowEndMicros());
        state.setBarCount(state.getBarCount() + 1);
        session(state, bar);
        append(state.getCloses(), bar.getClose());
        append(state.getVolumes(), bar.getVolume());

        DirectionModel model = model(state);
        scorePending(state, model, bar.getClose());

        double[] closes = closes(state);
        long[] book = BookAsOf.at(marks.get(symbol), bar.getWindowEndMicros(), BookProcessor.quantity(state.getBids()),
                BookProcessor.quantity(state.getAsks()));
        double[] features = FeatureCalculator.compute(state.getCloses(), state.getVolumes(), state.getSessionTurnover(),
                state.getSessionVolume(), book[0], book[1]);
        Map<String, Double> named = FeatureCalculator.named(features);
        state.setLastFeatures(named);
        long now = EventTime.nowMicros(clock);
        forward(record, FEATURES_SINK, new Features(symbol, bar.getWindowEndMicros(), bar.getClose(), named, now));

        Double probability = null;
        if (state.getBarCount() >= settings.minBars()) {
            double[] standardized = model.observe(features);
            probability = model.probabilityUp(standardized);
            state.setPending(SymbolStates.list(standardized));
            state.setPendingProbability(probability);
            state.setPendingClose(bar.getClose());
        } else {
            state.setPending(null);
        }
        state.setLastProbability(probability);
        SymbolStates.store(state, model);

        Rules.Verdicts verdicts = settings.rules().evaluate(closes, state.getFastAboveSlow(), state.getMomentumState(),
                state.getBandState());
        state.setFastAboveSlow(verdicts.fastAboveSlow());
        state.setMomentumState(verdicts.momentum());
        state.setBandState(verdicts.band());
        for (Rules.Fired fired : verdicts.fired()) {
            meters.signal(fired.rule());
            forward(record, SIGNALS_SINK, new Signal(UUID.randomUUID().toString(), symbol, fired.rule(),
                    fired.direction() > 0 ? SignalDirection.UP : SignalDirection.DOWN, fired.strength(), fired.inputs(),
                    bar.getWindowEndMicros(), now));
        }

        double[] rates = SymbolStates.rates(state);
        Recommender.Recommendation recommendation = settings.recommender().recommend(verdicts, probability, model.learned(),
                rates[0], rates[1]);
        state.setLastAction(recommendation.action().name());
        state.setLastConfidence(recommendation.confidence());
        state.setLastReasons(new ArrayList<>(recommendation.reasons()));
        forward(record, RECOMMENDATIONS_SINK, new Recommendation(symbol, recommendation.action(), recommendation.confidence(),
                probability, recommendation.reasons(), bar.getWindowEndMicros(), now));
        store.put(symbol, state);
    }

    /** The model from the state; a symbol's first model starts from published warm-start weights when there are some. */
    private DirectionModel model(SymbolState state) {
        if (state.getSeen() == 0 && state.getLearned() == 0 && state.getWarmStart() == null) {
            ModelWeights weights = warmWeights(state.getSymbol());
            if (weights != null && weights.getFeatures().equals(FeatureCalculator.NAMES)) {
                state.setWarmStart(weights.getSource() + " (" + weights.getTrainedOnBars() + " bars)");
                return DirectionModel.warm(SymbolStates.array(weights.getWeights()), weights.getBias(),
                        SymbolStates.array(weights.getMeans()), SymbolStates.array(weights.getVariances()),
                        Math.min(weights.getTrainedOnBars(), WARM_CONFIDENCE));
            }
        }
        return SymbolStates.model(state);
    }

    private ModelWeights warmWeights(String symbol) {
        ValueAndTimestamp<ModelWeights> own = warm.get(symbol);
        if (own != null && own.value() != null) {
            return own.value();
        }
        ValueAndTimestamp<ModelWeights> any = warm.get(StoreNames.ANY_SYMBOL);
        return any == null ? null : any.value();
    }

    /** The previous bar's prediction meets its outcome: scored, then learned from. */
    private void scorePending(SymbolState state, DirectionModel model, long close) {
        List<Double> pending = state.getPending();
        if (pending == null) {
            return;
        }
        boolean up = close > state.getPendingClose();
        Scorecard score = Scorecard.of(state.getPendingProbability(), up);
        state.setPredictions(state.getPredictions() + 1);
        state.setHits(state.getHits() + (score.hit() ? 1 : 0));
        state.setBaselineHits(state.getBaselineHits() + (up ? 1 : 0));
        state.setLogLossSum(state.getLogLossSum() + score.logLoss());
        List<Integer> recent = state.getRecent();
        recent.add(score.packed());
        while (recent.size() > settings.accuracyWindow()) {
            recent.remove(0);
        }
        meters.outcome(score);
        model.learn(SymbolStates.array(pending), up, settings.learningRate(), settings.l2());
        state.setPending(null);
    }

    private void session(SymbolState state, Bar bar) {
        String date = LocalDate.ofInstant(EventTime.toInstant(bar.getWindowStartMicros()), settings.exchangeZone()).toString();
        if (!date.equals(state.getSessionDate())) {
            state.setSessionDate(date);
            state.setSessionTurnover(0L);
            state.setSessionVolume(0L);
        }
        state.setSessionTurnover(state.getSessionTurnover() + bar.getTurnover());
        state.setSessionVolume(state.getSessionVolume() + bar.getVolume());
    }

    private void append(List<Long> values, long value) {
        values.add(value);
        while (values.size() > keep) {
            values.remove(0);
        }
    }

    private static double[] closes(SymbolState state) {
        double[] closes = new double[state.getCloses().size()];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = FixedPoint.toBigDecimal(state.getCloses().get(i)).doubleValue();
        }
        return closes;
    }

    private void forward(Record<String, Bar> input, String sink, SpecificRecord value) {
        context.forward(new Record<String, SpecificRecord>(input.key(), value, input.timestamp()), sink);
    }
}
