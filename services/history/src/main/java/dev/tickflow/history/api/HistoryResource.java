package dev.tickflow.history.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stored bars (1-minute as streamed, longer intervals aggregated in SQL) and an account's own executions. */
@Path("/history")
public class HistoryResource {

    private static final int MAX_BARS = 100_000;
    private static final String CSV_HEADER = "symbol,interval,start,open,high,low,close,volume,vwap,trades\n";

    private final Pool client;
    private final SecurityIdentity identity;

    HistoryResource(Pool client, SecurityIdentity identity) {
        this.client = client;
        this.identity = identity;
    }

    /** A bar as the API shows it; prices as decimal strings. */
    @RegisterForReflection
    public record BarView(String symbol, String interval, String start, String open, String high, String low, String close, long volume,
            String vwap, long trades) {

        String csv() {
            return String.join(",", symbol, interval, start, open, high, low, close, Long.toString(volume), vwap, Long.toString(trades))
                    + "\n";
        }
    }

    /** An execution as its account sees it in the history. */
    @RegisterForReflection
    public record ExecutionView(String executionId, String orderId, String symbol, String side, String execType, String orderStatus,
            long lastQuantity, String lastPrice, long cumulativeQuantity, long leavesQuantity, String tradeId, String transactTime) {
    }

    @GET
    @Path("bars")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bars of a symbol between two instants: 1m as stored, 5m, 1h and 1d (UTC days) aggregated from them")
    public Uni<List<BarView>> bars(@QueryParam("symbol") String symbol, @QueryParam("interval") @DefaultValue("1m") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return query(symbol, interval, from, to);
    }

    @GET
    @Path("bars.csv")
    @Produces("text/csv")
    @Operation(summary = "The same bars as CSV, streamed")
    public Multi<String> barsCsv(@QueryParam("symbol") String symbol, @QueryParam("interval") @DefaultValue("1m") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(CSV_HEADER),
                query(symbol, interval, from, to).onItem().transformToMulti(bars -> Multi.createFrom().iterable(bars)).map(BarView::csv));
    }

    @GET
    @Path("executions")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's executions, newest first (administrators may name an account)")
    public Uni<List<ExecutionView>> executions(@QueryParam("account") String account, @QueryParam("limit") @DefaultValue("100") int limit) {
        String whose = account == null ? Caller.account(identity) : account;
        Caller.requireAccess(identity, whose);
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000");
        }
        return client.preparedQuery("SELECT execution_id, order_id, symbol, side, exec_type, order_status, last_quantity, last_price, "
                + "cumulative_quantity, leaves_quantity, trade_id, transact_time FROM history.execution WHERE account = $1 "
                + "ORDER BY transact_time DESC, execution_id DESC LIMIT $2").execute(Tuple.of(whose, limit))
                .map(rows -> {
                    List<ExecutionView> views = new ArrayList<>();
                    for (Row row : rows) {
                        Long price = row.getLong("last_price");
                        views.add(new ExecutionView(row.getString("execution_id"), row.getString("order_id"), row.getString("symbol"),
                                row.getString("side"), row.getString("exec_type"), row.getString("order_status"),
                                row.getLong("last_quantity"), price == null ? null : FixedPoint.format(price),
                                row.getLong("cumulative_quantity"), row.getLong("leaves_quantity"), row.getString("trade_id"),
                                row.getOffsetDateTime("transact_time").toInstant().toString()));
                    }
                    return views;
                });
    }

    @GET
    @Path("alerts")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Surveillance alerts, newest first, each with its evidence (administrators)")
    public Uni<JsonArray> alerts(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000");
        }
        return client.preparedQuery("SELECT body FROM history.alert ORDER BY detected_at DESC, alert_id LIMIT $1").execute(Tuple.of(limit))
                .map(rows -> {
                    JsonArray alerts = new JsonArray();
                    for (Row row : rows) {
                        alerts.add(row.getJsonObject("body"));
                    }
                    return alerts;
                });
    }

    private Uni<List<BarView>> query(String symbol, String interval, String from, String to) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is required");
        }
        String key = symbol.trim().toUpperCase(Locale.ROOT);
        Duration size = size(interval);
        Instant end = instant("to", to, Instant.now());
        // aligned to the interval's grid, so that the first aggregated bar is a whole one
        Instant start = align(instant("from", from, end.minus(size.multipliedBy(120))), size);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        Tuple range = Tuple.of(key, OffsetDateTime.ofInstant(start, ZoneOffset.UTC), OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
        String sql = size.equals(Duration.ofMinutes(1))
                ? "SELECT window_start AS bucket, open, high, low, close, volume, turnover, trade_count FROM history.bar_1m "
                        + "WHERE symbol = $1 AND window_start >= $2 AND window_start < $3 ORDER BY window_start LIMIT " + MAX_BARS
                // open and close are the first and last minute's; the bucket grid starts at the Unix epoch (UTC days)
                : "SELECT date_bin('" + size.toSeconds() + " seconds'::interval, window_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') "
                        + "AS bucket, (array_agg(open ORDER BY window_start))[1] AS open, max(high) AS high, min(low) AS low, "
                        + "(array_agg(close ORDER BY window_start DESC))[1] AS close, sum(volume)::bigint AS volume, "
                        + "sum(turnover)::bigint AS turnover, sum(trade_count)::bigint AS trade_count FROM history.bar_1m "
                        + "WHERE symbol = $1 AND window_start >= $2 AND window_start < $3 GROUP BY bucket ORDER BY bucket "
                        + "LIMIT " + MAX_BARS;
        String label = interval.trim().toLowerCase(Locale.ROOT);
        return client.preparedQuery(sql).execute(range).map(rows -> {
            List<BarView> bars = new ArrayList<>();
            for (Row row : rows) {
                long volume = row.getLong("volume");
                long turnover = row.getLong("turnover");
                String vwap = volume == 0 ? null : FixedPoint.format(BigDecimal.valueOf(turnover)
                        .divide(BigDecimal.valueOf(volume), 0, RoundingMode.HALF_EVEN).longValueExact());
                bars.add(new BarView(key, label, row.getOffsetDateTime("bucket").toInstant().toString(),
                        FixedPoint.format(row.getLong("open")), FixedPoint.format(row.getLong("high")),
                        FixedPoint.format(row.getLong("low")), FixedPoint.format(row.getLong("close")), volume, vwap,
                        row.getLong("trade_count")));
            }
            return bars;
        });
    }

    private static Instant align(Instant instant, Duration size) {
        long seconds = size.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    private static Duration size(String interval) {
        return switch (interval == null ? "" : interval.trim().toLowerCase(Locale.ROOT)) {
            case "1m" -> Duration.ofMinutes(1);
            case "5m" -> Duration.ofMinutes(5);
            case "1h" -> Duration.ofHours(1);
            case "1d" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("interval must be 1m, 5m, 1h or 1d");
        };
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-20T14:30:00Z");
        }
    }
}
