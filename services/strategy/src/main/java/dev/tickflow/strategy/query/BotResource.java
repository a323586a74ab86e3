package dev.tickflow.strategy.query;

import java.util.Map;

import dev.tickflow.strategy.StrategyConfig;
import dev.tickflow.strategy.bot.BotTrader;
import dev.tickflow.support.auth.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The bot's state, and its kill switch (administrators only). */
@Path("/bot")
@Produces(MediaType.APPLICATION_JSON)
public class BotResource {

    /** Whether the bot trades, and the positions it last read from risk. */
    @RegisterForReflection
    public record BotView(boolean enabled, boolean halted, boolean active, Map<String, Long> positions) {
    }

    private final BotTrader bot;
    private final SecurityIdentity identity;
    private final StrategyConfig config;

    BotResource(BotTrader bot, SecurityIdentity identity, StrategyConfig config) {
        this.bot = bot;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @Operation(summary = "Whether the bot trades, and its positions as last read from risk")
    public BotView status() {
        return view();
    }

    @POST
    @Path("halt")
    @Authenticated
    @Operation(summary = "Kill switch: the bot sends no order until resumed (administrators)")
    public BotView halt() {
        Caller.requireAdmin(identity);
        bot.halt();
        return view();
    }

    @POST
    @Path("resume")
    @Authenticated
    @Operation(summary = "Lets a halted bot trade again (administrators)")
    public BotView resume() {
        Caller.requireAdmin(identity);
        bot.resume();
        return view();
    }

    private BotView view() {
        return new BotView(config.bot().enabled(), bot.halted(), bot.active(), bot.positions());
    }
}
