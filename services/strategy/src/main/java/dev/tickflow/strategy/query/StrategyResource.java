package dev.tickflow.strategy.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.strategy.state.SymbolState;
import dev.tickflow.strategy.topology.StoreNames;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import dev.tickflow.support.streams.StoreUnavailableException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The feature store, the recommendations and the model's live accuracy, answered from the strategy's state store.
 * A symbol's questions go to the instance that owns it; the lists gather every instance's part.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class StrategyResource {

    private static final TypeReference<List<Views.RecommendationView>> RECOMMENDATIONS = new TypeReference<>() { };
    private static final TypeReference<List<Views.ModelView>> MODELS = new TypeReference<>() { };

    private final InteractiveQueries streams;
    private final QueryForwarder forwarder;
    private final ObjectMapper json;

    StrategyResource(InteractiveQueries streams, QueryForwarder forwarder, ObjectMapper json) {
        this.streams = streams;
        this.forwarder = forwarder;
        this.json = json;
    }

    @GET
    @Path("features/{symbol}")
    @Operation(summary = "The features of the symbol's latest closed bar, as the model saw them")
    public Response features(@PathParam("symbol") String symbol, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        return forSymbol(symbol, uri, forwarded, Views.FeaturesView::of);
    }

    @GET
    @Path("recommendations/{symbol}")
    @Operation(summary = "BUY, SELL or HOLD for the symbol after its latest closed bar, with the reasons")
    public Response recommendation(@PathParam("symbol") String symbol, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        return forSymbol(symbol, uri, forwarded, Views.RecommendationView::of);
    }

    @GET
    @Path("recommendations")
    @Operation(summary = "Every symbol's latest recommendation; scope=local answers with this instance's part only")
    public List<Views.RecommendationView> recommendations(@QueryParam("scope") String scope,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) throws Exception {
        List<Views.RecommendationView> all = gather("/recommendations?scope=local", scope, forwarded, Views.RecommendationView::of,
                RECOMMENDATIONS);
        all.sort(Comparator.comparing(Views.RecommendationView::symbol));
        return all;
    }

    @GET
    @Path("model/{symbol}")
    @Operation(summary = "The symbol's model: weights, hit rate and log loss, beside always guessing up")
    public Response model(@PathParam("symbol") String symbol, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        return forSymbol(symbol, uri, forwarded, Views.ModelView::of);
    }

    @GET
    @Path("model")
    @Operation(summary = "The models' live accuracy across symbols, beside always guessing up")
    public Views.ModelSummary models(@QueryParam("scope") String scope, @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded)
            throws Exception {
        List<Views.ModelView> all = gather("/model/all?scope=local", scope, forwarded, Views.ModelView::of, MODELS);
        all.sort(Comparator.comparing(Views.ModelView::symbol));
        return Views.ModelSummary.of(all);
    }

    /** This instance's models, for {@link #models}. */
    @GET
    @Path("model/all")
    public List<Views.ModelView> localModels(@QueryParam("scope") String scope, @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded)
            throws Exception {
        return gather("/model/all?scope=local", scope, forwarded, Views.ModelView::of, MODELS);
    }

    private <T> Response forSymbol(String symbol, UriInfo uri, boolean forwarded, Function<SymbolState, T> view) {
        String key = symbol.trim().toUpperCase(Locale.ROOT);
        InteractiveQueries.Owner owner = streams.ownerOf(StoreNames.SYMBOLS, key);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded);
        }
        ReadOnlyKeyValueStore<String, SymbolState> store = streams.localStore(StoreNames.SYMBOLS, QueryableStoreTypes.keyValueStore());
        SymbolState state = streams.read(() -> store.get(key));
        if (state == null || state.getBarCount() == 0) {
            throw new NotFoundException("no closed bar of " + key + " yet");
        }
        return Response.ok(view.apply(state)).build();
    }

    private <T> List<T> gather(String localPath, String scope, boolean forwarded, Function<SymbolState, T> view,
            TypeReference<List<T>> type) throws Exception {
        List<T> all = new ArrayList<>();
        ReadOnlyKeyValueStore<String, SymbolState> store = streams.localStore(StoreNames.SYMBOLS, QueryableStoreTypes.keyValueStore());
        streams.read(() -> {
            try (KeyValueIterator<String, SymbolState> states = store.all()) {
                while (states.hasNext()) {
                    KeyValue<String, SymbolState> next = states.next();
                    if (next.value != null && next.value.getBarCount() > 0) {
                        all.add(view.apply(next.value));
                    }
                }
            }
            return null;
        });
        if (!"local".equals(scope) && !forwarded) {
            for (HostInfo host : streams.hostsOf(StoreNames.SYMBOLS)) {
                if (!streams.isSelf(host)) {
                    Response remote = forwarder.forwardPath(host, localPath);
                    if (remote.getStatus() != 200) {
                        throw new StoreUnavailableException(host + " answered " + remote.getStatus());
                    }
                    all.addAll(json.readValue((byte[]) remote.getEntity(), type));
                }
            }
        }
        return all;
    }
}
