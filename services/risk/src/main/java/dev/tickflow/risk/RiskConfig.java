package dev.tickflow.risk;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** risk settings (prefix tickflow.risk). */
@ConfigMapping(prefix = "tickflow.risk")
public interface RiskConfig {

    /** Limits of an account that ref.limits does not (yet) list. */
    DefaultLimits defaultLimits();

    /**
     * Refuse orders for symbols reference data does not know (UNKNOWN_INSTRUMENT): an order for a symbol nobody lists
     * would rest in a book no one quotes. Off only where reference data is deliberately absent.
     */
    @WithDefault("true")
    boolean rejectUnknownInstruments();

    /** The host this instance advertises to the others, for queries about accounts it owns. */
    @WithDefault("localhost")
    String advertisedHost();

    /** A partition with new inputs is snapshotted at least this often: a crash replays at most this much. */
    @WithDefault("10s")
    Duration snapshotInterval();

    /** ... and at least every this many inputs. */
    @WithDefault("200000")
    long snapshotEveryInputs();

    /** Command ids remembered per partition, to answer a repeated command with its first outcome. */
    @WithDefault("20000")
    int rememberedCommands();

    /** How soon the group notices a dead instance and moves its partitions. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** The conservative limits every account starts with. */
    interface DefaultLimits {
        @WithDefault("100000")
        long maxOrderQuantity();

        /** Decimal, in the instrument's currency. */
        @WithDefault("10000000")
        String maxOrderNotional();

        @WithDefault("1000000")
        long maxPositionQuantity();

        @WithDefault("500")
        int maxOpenOrders();

        @WithDefault("100")
        int maxOrdersPerSecond();

        /** 1,000 basis points: a limit price within 10 % of the last trade. */
        @WithDefault("1000")
        int priceCollarBps();
    }
}
