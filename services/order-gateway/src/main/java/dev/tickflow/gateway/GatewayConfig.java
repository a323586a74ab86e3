package dev.tickflow.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** order-gateway settings (prefix tickflow.gateway). */
@ConfigMapping(prefix = "tickflow.gateway")
public interface GatewayConfig {

    /** How long a synchronous request ({@code ?wait=true}) waits for the command's first outcome before answering 202. */
    @WithDefault("2s")
    Duration syncTimeout();

    @WithDefault("64")
    int maxClientOrderIdLength();

    /**
     * How much of the order topics the gateway replays at start to rebuild its orders and its memory of client order
     * ids: a retry older than this creates a new order. Matches the retention of orders.submitted.
     */
    @WithDefault("7d")
    Duration replay();

    /** At most this many orders in one GET /orders answer. */
    @WithDefault("500")
    int maxListedOrders();

    Fix fix();

    /** FIX 4.4 order entry: one session per account, the account's API token in the Logon's Password (554). */
    interface Fix {

        @WithDefault("true")
        boolean enabled();

        /** The acceptor's TCP port; 0 takes any free port (tests). */
        @WithDefault("9878")
        int port();

        /** Our CompID: clients send it as TargetCompID (56) and their account id as SenderCompID (49). */
        @WithDefault("TICKFLOW")
        String compId();

        /** Seconds between heartbeats when the client's Logon does not say. */
        @WithDefault("30")
        int heartbeatSeconds();
    }
}
