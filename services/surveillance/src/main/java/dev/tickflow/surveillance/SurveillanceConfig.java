package dev.tickflow.surveillance;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** surveillance thresholds and windows (prefix tickflow.surveillance). */
@ConfigMapping(prefix = "tickflow.surveillance")
public interface SurveillanceConfig {

    FailedLogins failedLogins();

    Spoofing spoofing();

    WashTrades washTrades();

    PriceAnomaly priceAnomaly();

    TickGap tickGap();

    OrderRate orderRate();

    /** More than {@code max} failed logins for an account or a source address within {@code window}. */
    interface FailedLogins {
        @WithDefault("5")
        int max();

        @WithDefault("60s")
        Duration window();
    }

    /**
     * At least {@code orders} large orders (quantity at least {@code large-quantity}) priced at least {@code away-bp}
     * from the last trade and cancelled within {@code cancel-within} of placement, on one side of a symbol within
     * {@code window}, while the same account trades on the other side of that symbol within the window.
     */
    interface Spoofing {
        @WithDefault("1000")
        long largeQuantity();

        @WithDefault("50")
        int awayBp();

        @WithDefault("5s")
        Duration cancelWithin();

        @WithDefault("3")
        int orders();

        @WithDefault("60s")
        Duration window();
    }

    /** Trades whose two sides have the same beneficial owner (account group), at most one alert per group per window. */
    interface WashTrades {
        @WithDefault("10m")
        Duration window();
    }

    /** A tick whose return is beyond {@code sigmas} standard deviations of the last {@code returns} returns. */
    interface PriceAnomaly {
        @WithDefault("100")
        int returns();

        @WithDefault("20")
        int minReturns();

        @WithDefault("6")
        double sigmas();

        /** After an alert for a symbol, none for the same symbol for this long (event time). */
        @WithDefault("5m")
        Duration cooldown();
    }

    /** No tick for {@code after} in a symbol that had at least {@code liquid-ticks} ticks in the minute before. */
    interface TickGap {
        @WithDefault("30s")
        Duration after();

        @WithDefault("20")
        int liquidTicks();

        @WithDefault("5s")
        Duration checkEvery();
    }

    /** More than {@code max} order commands from one account within {@code window}. */
    interface OrderRate {
        @WithDefault("50")
        int max();

        @WithDefault("10s")
        Duration window();
    }
}
