package dev.tickflow.stats.query;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.model.Bar;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.Instrument;
import dev.tickflow.stats.StatsConfig;
import dev.tickflow.stats.indicators.IndicatorCalculator;
import dev.tickflow.stats.indicators.IndicatorState;
import dev.tickflow.stats.indicators.IndicatorsView;
import dev.tickflow.stats.topology.StatsSettings;
import dev.tickflow.stats.topology.StoreNames;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import dev.tickflow.support.streams.StoreUnavailableException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Per-symbol interactive queries. A symbol's state lives on the instance that owns its partition; a request that lands
 * elsewhere is answered through the owner. Runs on worker threads: store reads touch RocksDB, forwarding waits.
 */
@Path("/symbols")
@Produces(MediaType.APPLICATION_JSON)
public class SymbolResource {

    private static final int MAX_BARS = 5_000;
    private static final TypeReference<List<Views.SymbolView>> SYMBOL_LIST = new TypeReference<>() {
    };

    private final InteractiveQueries streams;
    private final QueryForwarder forwarder;
    private final IndicatorCalculator indicators;
    private final ObjectMapper mapper;

    SymbolResource(InteractiveQueries streams, QueryForwarder forwarder, StatsConfig config, ObjectMapper mapper) {
        this.streams = streams;
        this.forwarder = forwarder;
        this.indicators = new IndicatorCalculator(StatsSettings.from(config).indicators());
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Every symbol traded this session, with last price and change", description = "Gathered from every "
            + "instance; scope=local answers with this instance's part only.")
    public List<Views.SymbolView> symbols(@QueryParam("scope") String scope, @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded)
            throws Exception {
        List<Views.SymbolView> all = new ArrayList<>(localSymbols());
        if (!"local".equals(scope) && !forwarded) {
            for (HostInfo host : streams.hostsOf(StoreNames.DAILY_STATS)) {
                if (!streams.isSelf(host)) {
                    Response remote = forwarder.forwardPath(host, "/symbols?scope=local");
                    if (remote.getStatus() != 200) {
                        throw new StoreUnavailableException(host + " answered " + remote.getStatus() + " for its symbols");
                    }
                    all.addAll(mapper.readValue((byte[]) remote.getEntity(), SYMBOL_LIST));
                }
            }
        }
        all.sort(Comparator.comparing(Views.SymbolView::symbol));
        return all;
    }

    @GET
    @Path("{symbol}/quote")
    @Operation(summary = "Latest trade and session statistics")
    @APIResponse(responseCode = "404", description = "no trade of this symbol yet")
    @APIResponse(responseCode = "503", description = "the symbol's state is moving between instances; retry")
    public Response quote(@PathParam("symbol") String symbol, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        String key = normalize(symbol);
        InteractiveQueries.Owner owner = streams.ownerOf(StoreNames.DAILY_STATS, key);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded);
        }
        ReadOnlyKeyValueStore<String, DailyStats> sessions = streams.localStore(StoreNames.DAILY_STATS,
                QueryableStoreTypes.keyValueStore());
        DailyStats session = streams.read(() -> sessions.get(key));
        if (session == null || session.getTradeCount() == 0) {
            throw new NotFoundException("no trade of " + key + " yet");
        }
        Instrument instrument = instrument(key);
        return Response.ok(new Views.QuoteView(key, instrument == null ? null : instrument.getName(),
                instrument == null ? null : instrument.getCurrency(), instrument == null ? null : instrument.getSector(),
                Views.TradeView.of(session), Views.SessionView.of(session))).build();
    }

    @GET
    @Path("{symbol}/bars")
    @Operation(summary = "Bars of an interval (1m, 5m, 1h) between two instants", description = "from and to are ISO-8601 "
            + "instants (window starts); by default the last 2 hours of 1m bars, the last day of 5m, the last week of 1h. "
            + "The current window is included while open (closed=false).")
    public Response bars(@PathParam("symbol") String symbol, @QueryParam("interval") @DefaultValue("1m") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        String key = normalize(symbol);
        BarInterval barInterval = BarInterval.parse(interval);
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(barInterval.defaultSpan()));
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        if (Duration.between(start, end).dividedBy(barInterval.size()) > MAX_BARS) {
            throw new IllegalArgumentException("at most " + MAX_BARS + " bars per request; narrow from/to");
        }
        InteractiveQueries.Owner owner = streams.ownerOf(barInterval.store(), key);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded);
        }
        ReadOnlyWindowStore<String, Bar> store = streams.localStore(barInterval.store(), QueryableStoreTypes.windowStore());
        List<Views.BarView> bars = streams.read(() -> {
            List<Views.BarView> found = new ArrayList<>();
            try (WindowStoreIterator<Bar> windows = store.fetch(key, start, end)) {
                while (windows.hasNext()) {
                    KeyValue<Long, Bar> window = windows.next();
                    long startMillis = window.key;
                    Bar bar = window.value;
                    bar.setSymbol(key);
                    boolean closed = startMillis + barInterval.size().toMillis() <= Instant.now().toEpochMilli();
                    bar.setClosed(closed);
                    found.add(Views.BarView.of(bar, barInterval.label(), startMillis, startMillis + barInterval.size().toMillis()));
                }
            }
            return found;
        });
        return Response.ok(bars).build();
    }

    @GET
    @Path("{symbol}/indicators")
    @Operation(summary = "SMA, EMA, RSI, Bollinger bands and session VWAP on closed 1-minute bars")
    public Response indicators(@PathParam("symbol") String symbol, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        String key = normalize(symbol);
        InteractiveQueries.Owner owner = streams.ownerOf(StoreNames.INDICATORS, key);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded);
        }
        ReadOnlyKeyValueStore<String, IndicatorState> store = streams.localStore(StoreNames.INDICATORS,
                QueryableStoreTypes.keyValueStore());
        IndicatorState state = streams.read(() -> store.get(key));
        if (state == null) {
            throw new NotFoundException("no closed 1-minute bar of " + key + " yet");
        }
        IndicatorsView view = indicators.view(state);
        return Response.ok(view).build();
    }

    private List<Views.SymbolView> localSymbols() {
        ReadOnlyKeyValueStore<String, DailyStats> sessions = streams.localStore(StoreNames.DAILY_STATS,
                QueryableStoreTypes.keyValueStore());
        List<DailyStats> traded = streams.read(() -> {
            List<DailyStats> found = new ArrayList<>();
            try (KeyValueIterator<String, DailyStats> all = sessions.all()) {
                while (all.hasNext()) {
                    DailyStats stats = all.next().value;
                    if (stats != null && stats.getTradeCount() > 0) {
                        found.add(stats);
                    }
                }
            }
            return found;
        });
        List<Views.SymbolView> symbols = new ArrayList<>();
        for (DailyStats stats : traded) {
            symbols.add(Views.SymbolView.of(stats, instrument(stats.getSymbol())));
        }
        return symbols;
    }

    private Instrument instrument(String symbol) {
        try {
            ReadOnlyKeyValueStore<String, Instrument> instruments = streams.localStore(StoreNames.INSTRUMENTS,
                    QueryableStoreTypes.keyValueStore());
            return streams.read(() -> instruments.get(symbol));
        } catch (StoreUnavailableException e) {
            return null; // reference data is decoration here; the numbers do not depend on it
        }
    }

    private static String normalize(String symbol) {
        return symbol.trim().toUpperCase(Locale.ROOT);
    }

    private static Instant instant(String name, String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-22T14:30:00Z");
        }
    }
}
