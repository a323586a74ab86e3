package dev.tickflow.risk.api;

import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.DailyStats;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.risk.RiskConfig;
import dev.tickflow.risk.state.AccountRisk;
import dev.tickflow.risk.state.PositionState;
import dev.tickflow.risk.topology.Limits;
import dev.tickflow.risk.topology.StoreNames;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.streams.InteractiveQueries;
import dev.tickflow.support.streams.QueryForwarder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * An account's positions, P&amp;L and kill switch. Every call needs the account's own token (or an admin's); the data
 * lives on the instance that owns the account's partition and is fetched through it.
 */
@Path("/accounts/{account}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    InteractiveQueries queries;

    @Inject
    QueryForwarder forwarder;

    @Inject
    RiskConfig config;

    @Inject
    @Channel(Channels.RISK_CONTROLS)
    MutinyEmitter<RiskControl> controls;

    @GET
    @Path("positions")
    @Operation(summary = "Positions with average cost, realized and unrealized P&L")
    public Response positions(@PathParam("account") String account, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded, @HeaderParam("Authorization") String authorization) {
        Caller.requireAccess(identity, account);
        InteractiveQueries.Owner owner = queries.ownerOf(StoreNames.ACCOUNTS, account);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded, authorization);
        }
        return Response.ok(positionViews(account)).build();
    }

    @GET
    @Path("pnl")
    @Operation(summary = "Realized, unrealized and total P&L, valued at each symbol's last trade")
    public Response pnl(@PathParam("account") String account, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded, @HeaderParam("Authorization") String authorization) {
        Caller.requireAccess(identity, account);
        InteractiveQueries.Owner owner = queries.ownerOf(StoreNames.ACCOUNTS, account);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded, authorization);
        }
        List<RiskViews.PositionView> positions = positionViews(account);
        long realized = 0;
        long unrealized = 0;
        for (RiskViews.PositionView position : positions) {
            realized = Math.addExact(realized, FixedPoint.parse(position.realizedPnl()));
            unrealized = Math.addExact(unrealized, FixedPoint.parse(position.unrealizedPnl()));
        }
        return Response.ok(new RiskViews.PnlView(account, FixedPoint.format(realized), FixedPoint.format(unrealized),
                FixedPoint.format(Math.addExact(realized, unrealized)), positions)).build();
    }

    @GET
    @Path("risk")
    @Operation(summary = "Kill switch, open orders and the limits in force")
    public Response risk(@PathParam("account") String account, @Context UriInfo uri,
            @HeaderParam(QueryForwarder.FORWARDED) boolean forwarded, @HeaderParam("Authorization") String authorization) {
        Caller.requireAccess(identity, account);
        InteractiveQueries.Owner owner = queries.ownerOf(StoreNames.ACCOUNTS, account);
        if (!owner.local()) {
            return forwarder.forward(owner.host(), uri, forwarded, authorization);
        }
        ReadOnlyKeyValueStore<String, AccountRisk> accounts = queries.localStore(StoreNames.ACCOUNTS, QueryableStoreTypes.keyValueStore());
        AccountRisk risk = queries.read(() -> accounts.get(account));
        ReadOnlyKeyValueStore<String, RiskLimits> limits = queries.localStore(StoreNames.LIMITS, QueryableStoreTypes.keyValueStore());
        RiskLimits configured = queries.read(() -> limits.get(account));
        Limits effective = configured != null ? Limits.of(configured) : Limits.of(config.defaultLimits());
        return Response.ok(new RiskViews.RiskView(account, risk != null && risk.getHalted(), risk == null ? null : risk.getHaltReason(),
                risk == null ? 0 : risk.getOpenOrders(), RiskViews.LimitsView.of(effective))).build();
    }

    @POST
    @Path("halt")
    @Operation(summary = "Kill switch: refuse every new order of the account until resumed")
    public Response halt(@PathParam("account") String account, RiskViews.HaltRequest request) {
        return control(account, true, request == null ? null : request.reason());
    }

    @POST
    @Path("resume")
    @Operation(summary = "Lift the kill switch (administrators only)")
    public Response resume(@PathParam("account") String account) {
        // an account may stop itself, but trading starts again only when someone other than the trader says so
        Caller.requireAdmin(identity);
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

    private List<RiskViews.PositionView> positionViews(String account) {
        ReadOnlyKeyValueStore<String, PositionState> positions = queries.localStore(StoreNames.POSITIONS,
                QueryableStoreTypes.keyValueStore());
        ReadOnlyKeyValueStore<String, DailyStats> prices = queries.localStore(StoreNames.PRICES,
                QueryableStoreTypes.keyValueStore());
        String prefix = StoreNames.positionPrefix(account);
        return queries.read(() -> {
            List<RiskViews.PositionView> views = new ArrayList<>();
            try (KeyValueIterator<String, PositionState> all = positions.prefixScan(prefix, new StringSerializer())) {
                while (all.hasNext()) {
                    PositionState position = all.next().value;
                    DailyStats session = prices.get(position.getSymbol());
                    views.add(RiskViews.PositionView.of(position, session == null ? null : session.getLast()));
                }
            }
            return views;
        });
    }
}
