package dev.tickflow.matching.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tickflow.matching.book.OrderBook;
import dev.tickflow.matching.engine.MatchingEngine;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.support.streams.OwnerForwarder;
import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** L2 view of a book as it is now, on the instance that owns the symbol. */
@Path("/books/{symbol}")
@Produces(MediaType.APPLICATION_JSON)
public class BookResource {

    private static final int MAX_DEPTH = 50;

    @Inject
    MatchingEngine engine;

    @Inject
    OwnerForwarder forwarder;

    /** One price level. */
    @RegisterForReflection
    public record LevelView(String price, long quantity, int orders) {
    }

    /** Bids best (highest) first, asks best (lowest) first. */
    @RegisterForReflection
    public record BookView(String symbol, List<LevelView> bids, List<LevelView> asks) {
    }

    @GET
    @Operation(summary = "Price levels of the book: quantity and order count per price, best first")
    public Response book(@PathParam("symbol") String symbol, @QueryParam("depth") @DefaultValue("10") int depth,
            @Context UriInfo uri, @HeaderParam(OwnerForwarder.FORWARDED) boolean forwarded) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH);
        }
        String key = symbol.trim().toUpperCase(Locale.ROOT);
        return switch (engine.read(key, book -> book == null ? new BookView(key, List.of(), List.of())
                : new BookView(key, levels(book.book(), true, depth), levels(book.book(), false, depth)))) {
            case MatchingEngine.Here<?> here -> Response.ok(here.value()).build();
            case MatchingEngine.There there -> forwarder.forward(there.owner(), uri, forwarded, null);
            case MatchingEngine.Nowhere nowhere -> throw new StoreUnavailableException(nowhere.why());
        };
    }

    private static List<LevelView> levels(OrderBook book, boolean bid, int depth) {
        List<LevelView> levels = new ArrayList<>();
        for (int level = 0; level < Math.min(depth, book.levels(bid)); level++) {
            levels.add(new LevelView(FixedPoint.format(book.levelPrice(bid, level)), book.levelQuantity(bid, level),
                    book.levelOrders(bid, level)));
        }
        return levels;
    }
}
