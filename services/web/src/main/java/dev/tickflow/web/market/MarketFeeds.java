package dev.tickflow.web.market;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.Bar;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Movers;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.Signal;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The market streams and the strategy's outputs, each record handed to the hub (which encodes it once, if followed). */
@ApplicationScoped
public class MarketFeeds {

    static final String MARKET = "market";

    private final MarketHub hub;
    private final LastMarket last;
    private final Books books;

    private final Timer pushLatency;

    MarketFeeds(MarketHub hub, LastMarket last, Books books, MeterRegistry registry) {
        this.hub = hub;
        this.last = last;
        this.books = books;
        this.pushLatency = Timer.builder("tickflow.web.push.latency")
                .description("a tick's ingestion by market-feed to its fan-out to this instance's browsers")
                .publishPercentileHistogram().register(registry);
    }

    /** md.ticks, md.bars.1m.live, md.book and md.movers, on one consumer, a poll at a time (see application.properties). */
    @Incoming(MARKET)
    void market(List<SpecificRecord> records) {
        for (SpecificRecord record : records) {
            route(record);
        }
    }

    private void route(SpecificRecord record) {
        switch (record) {
            case Tick tick -> tick(tick);
            case Bar bar -> bar(bar);
            case BookUpdate update -> book(update);
            case Movers movers -> movers(movers);
            case null, default -> {
                // an undecodable record arrives as null (the deserializer counted it); other types are not market data
            }
        }
    }

    private void tick(Tick tick) {
        last.tick(tick);
        hub.publish("ticks", tick.getSymbol(), () -> message("tick", tick.getSymbol(), tick));
        long micros = EventTime.nowMicros(Clock.systemUTC()) - tick.getIngestTimeMicros();
        if (micros >= 0) {
            pushLatency.record(micros, TimeUnit.MICROSECONDS);
        }
    }

    private void bar(Bar bar) {
        hub.publish("bars", bar.getSymbol(), () -> message("bar", bar.getSymbol(), bar));
    }

    private void book(BookUpdate update) {
        books.apply(update, (symbol, whole) -> hub.publish("book", symbol, whole));
    }

    @Incoming(Channels.RECOMMENDATIONS)
    void recommendation(Recommendation recommendation) {
        if (recommendation != null) {
            hub.publish("signals", recommendation.getSymbol(),
                    () -> message("recommendation", recommendation.getSymbol(), recommendation));
        }
    }

    /** Signals are events, not states: each keeps its own key so that conflation never drops one for another rule's. */
    @Incoming(Channels.SIGNALS)
    void signal(Signal signal) {
        if (signal != null) {
            hub.publish("signals", signal.getSymbol() + "|" + signal.getRule(), signal.getSymbol(),
                    () -> message("signal", signal.getSymbol(), signal));
        }
    }

    private void movers(Movers movers) {
        last.movers(movers);
        hub.publish("movers", MarketHub.ALL, () -> message("movers", null, movers));
    }

    private static String message(String type, String symbol, IndexedRecord record) {
        return "{\"type\":\"" + type + "\"" + (symbol == null ? "" : ",\"symbol\":\"" + symbol + "\"") + ",\"data\":"
                + RecordJson.toJson(record) + "}";
    }
}
