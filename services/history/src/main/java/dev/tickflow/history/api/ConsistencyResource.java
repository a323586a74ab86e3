package dev.tickflow.history.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import dev.tickflow.history.consistency.BarRecomputation;
import dev.tickflow.history.consistency.ConsistencyReport;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The streaming-versus-batch check: recompute 1-minute bars from the stored ticks and report what differs. */
@Path("/history")
@Produces(MediaType.APPLICATION_JSON)
public class ConsistencyResource {

    private static final Duration MAX_RANGE = Duration.ofDays(1);

    private final BarRecomputation recomputation;

    ConsistencyResource(BarRecomputation recomputation) {
        this.recomputation = recomputation;
    }

    @POST
    @Path("recompute")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @Operation(summary = "Recompute a symbol's 1-minute bars from its ticks and compare them with the streamed ones (administrators)")
    public Uni<ConsistencyReport> recompute(@QueryParam("symbol") String symbol, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is required");
        }
        // whole minutes on both sides: a partial minute of ticks would be compared with a whole streamed bar
        Instant end = instant("to", to).truncatedTo(ChronoUnit.MINUTES);
        Instant start = instant("from", from).truncatedTo(ChronoUnit.MINUTES);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("from must be before to, at most a day apart");
        }
        return recomputation.recompute(symbol.trim().toUpperCase(Locale.ROOT), start, end);
    }

    @GET
    @Path("consistency")
    @Operation(summary = "The latest recomputation's report")
    public ConsistencyReport latest() {
        ConsistencyReport report = recomputation.latest();
        if (report == null) {
            throw new NotFoundException("nothing recomputed since the service started");
        }
        return report;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-20T14:30:00Z");
        }
    }
}
