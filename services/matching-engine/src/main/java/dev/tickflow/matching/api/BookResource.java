package dev.tickflow.matching.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.tickflow.matching.engine.StoreNames;
import dev.tickflow.matching.state.RestingOrder;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** L2 snapshot of a book, aggregated from its resting orders as last committed, on the instance that owns the symbol. */
@Path("/books/{symbol}")
@Produces(MediaType.APPLICATION_JSON)
public class BookResource {

    private static final int MAX_DEPTH = 50;

    @Inject
    InteractiveQueries queries;

    @Inject
    QueryForwarder forwarder;

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
            @Context UriInfo uri, @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH);
        }
        String key = symbol.trim().toUpperCase(Locale.ROOT);
        InteractiveQueries.Owner owner = queries.ownerOf(StoreNames.SYMBOLS, key);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded);
        }
        ReadOnlyKeyValueStore<String, RestingOrder> orders = queries.localStore(StoreNames.RESTING_ORDERS,
                QueryableStoreTypes.keyValueStore());
        Map<Long, long[]> bids = new TreeMap<>(Comparator.reverseOrder());
        Map<Long, long[]> asks = new TreeMap<>();
        queries.read(() -> {
            try (KeyValueIterator<String, RestingOrder> all = orders.prefixScan(StoreNames.symbolPrefix(key), new StringSerializer())) {
                while (all.hasNext()) {
                    RestingOrder order = all.next().value;
                    long[] level = (order.getBuy() ? bids : asks).computeIfAbsent(order.getPrice(), unused -> new long[2]);
                    level[0] += order.getQuantity() - order.getFilled();
                    level[1]++;
                }
            }
            return null;
        });
        return Response.ok(new BookView(key, levels(bids, depth), levels(asks, depth))).build();
    }

    private static List<LevelView> levels(Map<Long, long[]> side, int depth) {
        List<LevelView> levels = new ArrayList<>();
        for (Map.Entry<Long, long[]> level : side.entrySet()) {
            if (levels.size() == depth) {
                break;
            }
            levels.add(new LevelView(FixedPoint.format(level.getKey()), level.getValue()[0], (int) level.getValue()[1]));
        }
        return levels;
    }
}
