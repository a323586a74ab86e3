package dev.tickflow.gateway;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** order-gateway settings (prefix tickflow.gateway). */
@ConfigMapping(prefix = "tickflow.gateway")
public interface GatewayConfig {

    /** How long a synchronous request ({@code ?wait=true}) waits for the command's first outcome before answering 202. */
    @WithDefault("2s")
    Duration syncTimeout();

    /**
     * An order with no outcome (no acknowledgement, no refusal) this long after it was sent is shown as UNCONFIRMED:
     * not known to be working. It still moves on if its outcome comes later.
     */
    @WithDefault("10s")
    Duration outcomeTimeout();

    @WithDefault("64")
    int maxClientOrderIdLength();

    /** Refuse a new order for a symbol reference data does not list, or lists as not tradable (risk refuses it too). */
    @WithDefault("true")
    boolean requireKnownSymbols();

    /**
     * How much of the order topics the gateway replays at start to rebuild its orders and its memory of client order
     * ids: a retry older than this creates a new order. Matches the retention of orders.submitted.
     */
    @WithDefault("7d")
    Duration replay();

    /**
     * How many of each account's finished orders (filled, cancelled, expired, rejected) the gateway remembers, newest
     * first: for GET /orders and for recognising a retried client order id. Working orders are always remembered.
     */
    @WithDefault("10000")
    int finishedOrdersKept();

    /**
     * How often the gateway reads orders.submitted once it has caught up: it learns other instances' orders from it (its
     * own it knows already), so its reader need not be woken by every command as well as by every report.
     */
    @WithDefault("250ms")
    Duration commandReadInterval();

    /**
     * A /ws/orders client that leaves more messages than this unread is disconnected (close code 1008) rather than
     * queued for without bound; it reconnects and lists its orders. A message is a few hundred bytes: 100,000 is some
     * 30 MB per connection at worst, and several seconds of reports at thousands of orders a second, so that a pause of
     * the gateway's own (a cold start, a collection) does not cost a healthy client its connection.
     */
    @WithDefault("100000")
    int wsMaxQueued();

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

        /** The address the acceptor binds. Without TLS only a loopback address is allowed: the Logon carries a token. */
        @WithDefault("127.0.0.1")
        String host();

        Tls tls();

        /** Our CompID: clients send it as TargetCompID (56) and their account id as SenderCompID (49). */
        @WithDefault("TICKFLOW")
        String compId();

        /** Seconds between heartbeats when the client's Logon does not say. */
        @WithDefault("30")
        int heartbeatSeconds();

        /** FIX over TLS, as deployed; plaintext is for a loopback address (the local stack, tests). */
        interface Tls {
            @WithDefault("false")
            boolean enabled();

            /** The acceptor's certificate and key: a key store file. */
            Optional<String> keyStore();

            Optional<String> keyStorePassword();

            @WithDefault("PKCS12")
            String keyStoreType();

            @WithDefault("TLSv1.3,TLSv1.2")
            String protocols();
        }
    }
}
