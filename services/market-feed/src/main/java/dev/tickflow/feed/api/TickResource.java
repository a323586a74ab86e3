package dev.tickflow.feed.api;

import java.util.Map;

import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Push feed over HTTP: one tick object or an array of them, from a caller with the feed or admin role. */
@Path("/ticks")
@RolesAllowed({ApiTokenIdentityProvider.FEED, ApiTokenIdentityProvider.ADMIN})
public class TickResource {

    private final PushHandler handler;

    TickResource(PushHandler handler) {
        this.handler = handler;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Push ticks", description = "A tick is {symbol, price, quantity, timestamp, side?, venue?, tradeId?}; "
            + "price and quantity as decimal strings or numbers, timestamp ISO-8601 or epoch milliseconds. "
            + "Answers once the broker has acknowledged every tick (acks=all).")
    @APIResponse(responseCode = "202", description = "every tick published")
    @APIResponse(responseCode = "400", description = "some or all ticks refused; each is on md.ticks.dlq with its reasons")
    @APIResponse(responseCode = "503", description = "busy or broker unavailable; nothing was published, retry later")
    public Uni<Response> push(byte[] payload) {
        return handler.handle(payload, FeedSource.PUSH_REST).onItem().transform(answer -> {
            if (answer.problem() == null) {
                return Response.accepted(Map.of("accepted", answer.accepted())).type(MediaType.APPLICATION_JSON).build();
            }
            Response.ResponseBuilder response = Response.status(answer.problem().status())
                    .type(Problem.MEDIA_TYPE).entity(answer.problem());
            if (answer.problem().status() == 503) {
                response.header("Retry-After", PushHandler.RETRY_AFTER_SECONDS);
            }
            return response.build();
        });
    }
}
