package dev.tickflow.risk.api;

import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.risk.RiskConfig;
import dev.tickflow.risk.engine.Limits;
import dev.tickflow.risk.engine.ReferenceData;
import dev.tickflow.risk.engine.RiskEngine;
import dev.tickflow.risk.state.AccountState;
import dev.tickflow.risk.state.Position;
import dev.tickflow.risk.state.RiskState;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;
import dev.tickflow.support.streams.OwnerForwarder;
import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * An account's positions, P&amp;L and kill switch. Every call needs the account's own token (or an admin's); the state
 * lives on the instance that owns the account's partition and is read through it.
 */
@Path("/accounts/{account}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountResource {

    private static final int MAX_REASON = 500;

    @Inject
    SecurityIdentity identity;

    @Inject
    RiskEngine engine;

    @Inject
    RiskConfig config;

    @Inject
    OwnerForwarder forwarder;

    @Inject
    @Channel(Channels.RISK_CONTROLS)
    MutinyEmitter<RiskControl> controls;

    @GET
    @Path("positions")
    @Operation(summary = "Positions with average cost, realized and unrealized P&L")
    public Response positions(@PathParam("account") String account, @Context UriInfo uri,
            @HeaderParam(OwnerForwarder.FORWARDED) boolean forwarded, @HeaderParam("Authorization") String authorization) {
        Caller.requireAccess(identity, account);
        ReferenceData reference = engine.reference();
        return answer(engine.read(account, state -> positionViews(state, reference, account)), uri, forwarded, authorization);
    }

    @GET
    @Path("pnl")
    @Operation(summary = "Realized, unrealized and total P&L, valued at each symbol's last trade")
    public Response pnl(@PathParam("account") String account, @Context UriInfo uri,
            @HeaderParam(OwnerForwarder.FORWARDED) boolean forwarded, @HeaderParam("Authorization") String authorization) {
        Caller.requireAccess(identity, account);
        ReferenceData reference = engine.reference();
        return answer(engine.read(account, state -> {
            List<RiskViews.PositionView> positions = positionViews(state, reference, account);
            long realized = 0;
            long unrealized = 0;
            for (RiskViews.PositionView position : positions) {
                realized = Math.addExact(realized, FixedPoint.parse(position.realizedPnl()));
                unrealized = Math.addExact(unrealized, FixedPoint.parse(position.unrealizedPnl()));
            }
            return new RiskViews.PnlView(account, FixedPoint.format(realized), FixedPoint.format(unrealized),
                    FixedPoint.format(Math.addExact(realized, unrealized)), positions);
        }), uri, forwarded, authorization);
    }

    @GET
    @Path("risk")
    @Operation(summary = "Kill switch, open orders and the limits in force")
    public Response risk(@PathParam("account") String account, @Context UriInfo uri,
            @HeaderParam(OwnerForwarder.FORWARDED) boolean forwarded, @HeaderParam("Authorization") String authorization) {
        Caller.requireAccess(identity, account);
        RiskLimits configured = engine.reference().limits().get(account);
        Limits effective = configured != null ? Limits.of(configured) : Limits.of(config.defaultLimits());
        return answer(engine.read(account, state -> {
            AccountState risk = state.accounts.get(account);
            return new RiskViews.RiskView(account, risk != null && risk.halted, risk == null ? null : risk.haltReason,
                    risk == null ? 0 : risk.openOrders, RiskViews.LimitsView.of(effective));
        }), uri, forwarded, authorization);
    }

    @POST
    @Path("halt")
    @Operation(summary = "Kill switch: refuse every new order of the account until resumed")
    public Response halt(@PathParam("account") String account, RiskViews.HaltRequest request) {
        String reason = request == null ? null : request.reason();
        if (reason != null && reason.length() > MAX_REASON) {
            throw new ProblemException(Problem.invalid("the halt request breaks 1 rule(s)",
                    List.of(new Problem.FieldError("reason", "too-long", "at most " + MAX_REASON + " characters"))));
        }
        return control(account, true, reason);
    }

    @POST
    @Path("resume")
    @Operation(summary = "Lift the kill switch (administrators only)")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    public Response resume(@PathParam("account") String account) {
        // an account may stop itself, but trading starts again only when someone other than the trader says so
        return control(account, false, null);
    }

    private Response control(String account, boolean halted, String reason) {
        Caller.requireAccess(identity, account);
        RiskControl control = new RiskControl(account, halted, reason, Caller.account(identity),
                EventTime.fromMillis(System.currentTimeMillis()));
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(account).build();
        controls.sendMessageAndAwait(Message.of(control, Metadata.of(key)));
        return Response.accepted(RecordJson.toJson(control)).type(MediaType.APPLICATION_JSON).build();
    }

    private Response answer(RiskEngine.Location location, UriInfo uri, boolean forwarded, String authorization) {
        return switch (location) {
            case RiskEngine.Here<?> here -> Response.ok(here.value()).build();
            case RiskEngine.There there -> forwarder.forward(there.owner(), uri, forwarded, authorization);
            case RiskEngine.Nowhere nowhere -> throw new StoreUnavailableException(nowhere.why());
        };
    }

    /** Every symbol with an accepted order or a fill, flat ones too, valued at the last trade (else at cost). */
    private static List<RiskViews.PositionView> positionViews(RiskState state, ReferenceData reference, String account) {
        List<RiskViews.PositionView> views = new ArrayList<>();
        var positions = state.positions.get(account);
        if (positions != null) {
            for (Position position : positions.values()) {
                views.add(RiskViews.PositionView.of(position, reference.lastPrice(position.symbol)));
            }
        }
        return views;
    }
}
