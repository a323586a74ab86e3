package dev.tickflow.gateway.api;

import java.net.URI;
import java.util.List;

import dev.tickflow.gateway.orders.OrderRequest;
import dev.tickflow.gateway.orders.OrderResult;
import dev.tickflow.gateway.orders.OrderService;
import dev.tickflow.gateway.orders.OrderView;
import dev.tickflow.gateway.orders.ReplaceRequest;
import dev.tickflow.model.OrderChannel;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Order entry over REST for the authenticated account. Commands answer 202 at once with the order as sent, or with
 * {@code ?wait=true} the order after its first outcome (201 for a new order, 200 for cancel and replace; still 202 when
 * the outcome does not come within the configured time).
 */
@Path("/orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;
    private final SecurityIdentity caller;

    OrderResource(OrderService orders, SecurityIdentity caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter a new order; a retry with the same clientOrderId returns the first order (200)")
    public Uni<Response> place(OrderRequest request, @QueryParam("wait") @Parameter(description = "wait for the first outcome")
            boolean wait) {
        return orders.place(caller, OrderChannel.REST, request, wait).map(OrderResource::response);
    }

    @DELETE
    @Path("/{orderId}")
    @Operation(summary = "Cancel a working order")
    public Uni<Response> cancel(@PathParam("orderId") String orderId, @QueryParam("wait") boolean wait) {
        return orders.cancel(caller, OrderChannel.REST, orderId, wait).map(OrderResource::response);
    }

    @PATCH
    @Path("/{orderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a working order's limit price and/or total quantity")
    public Uni<Response> replace(@PathParam("orderId") String orderId, ReplaceRequest request, @QueryParam("wait") boolean wait) {
        return orders.replace(caller, OrderChannel.REST, orderId, request, wait).map(OrderResource::response);
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "One of the caller's orders")
    public OrderView get(@PathParam("orderId") String orderId) {
        return orders.get(caller, orderId);
    }

    @GET
    @Operation(summary = "The caller's orders, newest first")
    public List<OrderView> list(@QueryParam("status") @Parameter(description = "comma-separated statuses, or open") String status,
            @QueryParam("symbol") String symbol,
            @QueryParam("account") @Parameter(description = "admins only: another account") String account) {
        return orders.list(caller, account, status, symbol);
    }

    private static Response response(OrderResult result) {
        OrderView order = result.order();
        Response.ResponseBuilder response = switch (result.disposition()) {
            case CREATED -> Response.created(URI.create("/orders/" + order.orderId()));
            case SENT -> Response.accepted().location(URI.create("/orders/" + order.orderId()));
            case REPEATED, DONE -> Response.ok();
        };
        return response.entity(order).build();
    }
}
