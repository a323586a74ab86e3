package dev.tickflow.web.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tickflow.web.backend.Backend;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The page's market reads, answered from market-stats and history so that the browser talks to one origin. Public
 * market data: no token needed.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class MarketResource {

    /** market-stats keeps two hours of 1-minute bars; history, when it runs, has the hours before. */
    private static final Duration HISTORY_SPAN = Duration.ofHours(8);

    private final Backend backend;
    private final ObjectMapper json;

    MarketResource(Backend backend, ObjectMapper json) {
        this.backend = backend;
        this.json = json;
    }

    @GET
    @Path("symbols")
    public Uni<Response> symbols() {
        return backend.stats("/symbols").map(MarketResource::passOn);
    }

    @GET
    @Path("indicators/{symbol}")
    public Uni<Response> indicators(@PathParam("symbol") String symbol) {
        return backend.stats("/symbols/" + Backend.encode(normalize(symbol)) + "/indicators").map(MarketResource::passOn);
    }

    @GET
    @Path("movers")
    public Uni<Response> movers() {
        return backend.stats("/movers").map(MarketResource::passOn);
    }

    /**
     * The symbol's 1-minute bars, oldest first: older ones from history (when it answers), the last two hours from
     * market-stats, which wins where both have a minute (it holds the newest revision, late trades included).
     */
    @GET
    @Path("bars/{symbol}")
    public Uni<Response> bars(@PathParam("symbol") String symbol) {
        String key = Backend.encode(normalize(symbol));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Uni<Backend.Answer> older = backend.history("/history/bars?interval=1m&symbol=" + key + "&from=" + now.minus(HISTORY_SPAN)
                + "&to=" + now).onFailure().recoverWithItem(new Backend.Answer(503, "[]"));
        Uni<Backend.Answer> recent = backend.stats("/symbols/" + key + "/bars?interval=1m");
        return Uni.combine().all().unis(older, recent).asTuple().map(both -> {
            Backend.Answer stats = both.getItem2();
            if (!stats.ok() && !both.getItem1().ok()) {
                return passOn(stats);
            }
            return Response.ok(merge(both.getItem1(), stats).toString()).build();
        });
    }

    /** The bars of both answers by window start, oldest first; where both have a minute, the second answer's wins. */
    ArrayNode merge(Backend.Answer older, Backend.Answer newer) {
        Map<Instant, JsonNode> byStart = new TreeMap<>();
        add(byStart, older);
        add(byStart, newer);
        ArrayNode merged = json.createArrayNode();
        byStart.values().forEach(merged::add);
        return merged;
    }

    private void add(Map<Instant, JsonNode> byStart, Backend.Answer answer) {
        if (!answer.ok()) {
            return;
        }
        try {
            for (JsonNode bar : json.readTree(answer.body())) {
                byStart.put(Instant.parse(bar.path("start").asText()), bar);
            }
        } catch (IOException | DateTimeParseException e) {
            // an unreadable answer adds nothing; the other source still draws the chart
        }
    }

    private static Response passOn(Backend.Answer answer) {
        return Response.status(answer.status()).entity(answer.body())
                .type(answer.ok() ? MediaType.APPLICATION_JSON : "application/problem+json").build();
    }

    private static String normalize(String symbol) {
        return symbol.trim().toUpperCase(Locale.ROOT);
    }
}
