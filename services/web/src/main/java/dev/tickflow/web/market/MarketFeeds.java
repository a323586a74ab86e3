package dev.tickflow.web.market;

import dev.tickflow.model.Bar;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.Movers;
import dev.tickflow.model.Tick;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.generic.IndexedRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** One consumer per market stream, each record encoded once and handed to the hub. */
@ApplicationScoped
public class MarketFeeds {

    private final MarketHub hub;

    MarketFeeds(MarketHub hub) {
        this.hub = hub;
    }

    @Incoming(Channels.MD_TICKS)
    void tick(Tick tick) {
        if (tick != null) {
            hub.publish("ticks", tick.getSymbol(), message("tick", tick.getSymbol(), tick));
        }
    }

    @Incoming(Channels.MD_BARS_1M_LIVE)
    void bar(Bar bar) {
        if (bar != null) {
            hub.publish("bars", bar.getSymbol(), message("bar", bar.getSymbol(), bar));
        }
    }

    @Incoming(Channels.MD_BOOK)
    void book(BookUpdate update) {
        if (update != null) {
            hub.publish("book", update.getSymbol(), message("book", update.getSymbol(), update));
        }
    }

    @Incoming(Channels.MD_MOVERS)
    void movers(Movers movers) {
        if (movers != null) {
            hub.publish("movers", MarketHub.ALL, message("movers", null, movers));
        }
    }

    private static String message(String type, String symbol, IndexedRecord record) {
        return "{\"type\":\"" + type + "\"" + (symbol == null ? "" : ",\"symbol\":\"" + symbol + "\"") + ",\"data\":"
                + RecordJson.toJson(record) + "}";
    }
}
