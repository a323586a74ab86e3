package dev.tickflow.stats.query;

import java.util.List;

import dev.tickflow.model.Movers;
import dev.tickflow.stats.topology.StoreNames;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The latest ranking, held by the single ranking task, wherever it runs. */
@Path("/movers")
@Produces(MediaType.APPLICATION_JSON)
public class MoversResource {

    private final InteractiveQueries streams;
    private final QueryForwarder forwarder;

    MoversResource(InteractiveQueries streams, QueryForwarder forwarder) {
        this.streams = streams;
        this.forwarder = forwarder;
    }

    @GET
    @Operation(summary = "Top gainers and losers of the session")
    public Response movers(@Context UriInfo uri, @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded) {
        InteractiveQueries.Owner owner = streams.ownerOf(StoreNames.MOVERS, StoreNames.MOVERS_KEY);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded);
        }
        ReadOnlyKeyValueStore<String, Movers> store = streams.localStore(StoreNames.MOVERS, QueryableStoreTypes.keyValueStore());
        Movers movers = streams.read(() -> store.get(StoreNames.MOVERS_KEY));
        return Response.ok(movers == null ? new Views.MoversView(null, null, List.of(), List.of()) : Views.MoversView.of(movers))
                .build();
    }
}
