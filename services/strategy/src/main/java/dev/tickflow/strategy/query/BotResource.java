package dev.tickflow.strategy.query;

import java.util.Map;

import dev.tickflow.strategy.StrategyConfig;
import dev.tickflow.strategy.bot.BotTrader;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
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
    private final StrategyConfig config;

    BotResource(BotTrader bot, StrategyConfig config) {
        this.bot = bot;
        this.config = config;
    }

    @GET
    @Operation(summary = "Whether the bot trades, and its positions as last read from risk")
    public BotView status() {
        return view();
    }

    @POST
    @Path("halt")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @Operation(summary = "Kill switch: the bot sends no order until resumed (administrators)")
    public BotView halt() {
        bot.halt();
        return view();
    }

    @POST
    @Path("resume")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @Operation(summary = "Lets a halted bot trade again (administrators)")
    public BotView resume() {
        bot.resume();
        return view();
    }

    private BotView view() {
        return new BotView(config.bot().enabled(), bot.halted(), bot.active(), bot.positions());
    }
}
