package dev.tickflow.strategy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** strategy settings (prefix tickflow.strategy). */
@ConfigMapping(prefix = "tickflow.strategy")
public interface StrategyConfig {

    /** Moving-average crossover: the fast and slow simple moving averages, in closed 1-minute bars. */
    @WithDefault("5")
    int fastPeriod();

    @WithDefault("20")
    int slowPeriod();

    /** Momentum: the return over this many bars... */
    @WithDefault("10")
    int momentumBars();

    /** ... beyond this fraction (0.002 = 20 bp) fires the rule. */
    @WithDefault("0.002")
    double momentumThreshold();

    /** Mean reversion: Bollinger bands of this period and width (standard deviations). */
    @WithDefault("20")
    int bandPeriod();

    @WithDefault("2")
    double bandWidth();

    /** Step size of the model's stochastic gradient descent. */
    @WithDefault("0.05")
    double learningRate();

    /** L2 penalty on the weights, per step. */
    @WithDefault("0.0001")
    double l2();

    /** The model predicts once a symbol has this many bars: every feature's longest look-back (21), or more. */
    @WithDefault("21")
    int minBars();

    /** Its probability counts in recommendations only after learning from this many outcomes. */
    @WithDefault("30")
    int minLearned();

    /** The rolling window of the live hit rate, in outcomes. */
    @WithDefault("200")
    int accuracyWindow();

    /** |score| at or above this is BUY or SELL; below, HOLD. */
    @WithDefault("0.25")
    double actionThreshold();

    /** Sessions (for VWAP) follow this zone's calendar days. */
    @WithDefault("America/New_York")
    ZoneId exchangeZone();

    Bot bot();

    /** The bot account: off unless enabled, trades through the order gateway like anyone else, subject to risk. */
    interface Bot {

        @WithDefault("false")
        boolean enabled();

        /** The bot's account and its API token. */
        @WithDefault("bot")
        String account();

        Optional<String> token();

        @WithDefault("http://localhost:8083")
        String gatewayUrl();

        /** Where the bot reads its positions. */
        @WithDefault("http://localhost:8084")
        String riskUrl();

        /** Shares per order. */
        @WithDefault("100")
        long quantity();

        /** Never hold more than this many shares of a symbol, long or short. */
        @WithDefault("500")
        long maxPosition();

        /** Act only on recommendations at least this confident. */
        @WithDefault("0.5")
        double minConfidence();

        /** At most one order per symbol per this interval. */
        @WithDefault("60s")
        Duration cooldown();
    }
}
