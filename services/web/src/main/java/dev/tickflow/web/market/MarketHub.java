package dev.tickflow.web.market;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.tickflow.web.push.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans market data out to the connected clients: each event is encoded once and offered to the outbox of every client
 * that follows its symbol and stream. The events come from one Kafka consumer per stream, however many clients there are.
 */
@ApplicationScoped
public class MarketHub {

    /** A stream of the market a client may follow; movers are market-wide (symbol {@link #ALL}). */
    static final Set<String> STREAMS = Set.of("ticks", "bars", "book", "movers", "signals");
    static final String ALL = "*";

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final Counter pushed;
    private final Counter conflated;
    private final Counter dropped;

    MarketHub(MeterRegistry registry) {
        registry.gaugeMapSize("tickflow.web.market.clients", java.util.List.of(), subscribers);
        this.pushed = registry.counter("tickflow.web.market.pushed");
        this.conflated = registry.counter("tickflow.web.market.conflated");
        this.dropped = registry.counter("tickflow.web.market.dropped");
    }

    /** One connected client: what it follows and its outbox. */
    record Subscriber(Set<String> symbols, Set<String> streams, Outbox outbox) {
    }

    void connect(String id, Outbox outbox) {
        subscribers.put(id, new Subscriber(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), outbox));
    }

    void disconnect(String id) {
        Subscriber gone = subscribers.remove(id);
        if (gone != null) {
            gone.outbox().close();
        }
    }

    Subscriber subscriber(String id) {
        return subscribers.get(id);
    }

    /**
     * Offers an event to every client following this stream and symbol; the newest per symbol conflates. The event is
     * encoded once, and only if someone follows it: with no browser open, market data costs no JSON.
     */
    void publish(String stream, String symbol, Supplier<String> message) {
        publish(stream, symbol, symbol, message);
    }

    /** The same, conflating per {@code conflationKey} within the stream. */
    void publish(String stream, String conflationKey, String symbol, Supplier<String> message) {
        String key = null;
        String encoded = null;
        for (Subscriber subscriber : subscribers.values()) {
            if (subscriber.streams().contains(stream) && (ALL.equals(symbol) || subscriber.symbols().contains(symbol))) {
                if (encoded == null) {
                    key = stream + "|" + conflationKey;
                    encoded = message.get();
                }
                switch (subscriber.outbox().offer(key, encoded)) {
                    case CONFLATED -> conflated.increment();
                    case DROPPED -> dropped.increment();
                    default -> pushed.increment();
                }
            }
        }
    }
}
