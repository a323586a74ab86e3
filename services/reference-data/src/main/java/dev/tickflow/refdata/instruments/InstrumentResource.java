package dev.tickflow.refdata.instruments;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.refdata.outbox.OutboxEntry;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Instruments: anyone may read them (they are public reference data); only an administrator changes them. Every change
 * is written with an outbox row in the same transaction, and the relay publishes it to ref.instruments.
 */
@Path("/instruments")
@Produces(MediaType.APPLICATION_JSON)
public class InstrumentResource {

    public static final String AGGREGATE = "instrument";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9.\\-]{1,16}");
    private static final int MAX_PAGE_SIZE = 500;


    @GET
    @WithSession
    @Operation(summary = "Instruments by symbol, optionally by symbol prefix or a part of the name, a page at a time")
    public Uni<List<InstrumentView>> list(@QueryParam("prefix") String prefix, @QueryParam("name") String name,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (prefix != null && !prefix.isBlank()) {
            query.append(" and symbol like :prefix escape '\\'");
            parameters.put("prefix", LikePattern.literal(prefix.trim().toUpperCase(Locale.ROOT)) + "%");
        }
        if (name != null && !name.isBlank()) {
            query.append(" and lower(name) like :name escape '\\'");
            parameters.put("name", "%" + LikePattern.literal(name.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        return InstrumentEntity.<InstrumentEntity>find(query.toString(), Sort.by("symbol"), parameters).page(Page.of(page, size)).list()
                .map(found -> found.stream().map(InstrumentView::of).toList());
    }

    @GET
    @Path("{symbol}")
    @WithSession
    public Uni<InstrumentView> get(@PathParam("symbol") String symbol) {
        String key = symbol(symbol);
        return InstrumentEntity.<InstrumentEntity>findById(key).map(found -> {
            if (found == null) {
                throw new NotFoundException("no instrument " + key);
            }
            return InstrumentView.of(found);
        });
    }

    @PUT
    @Path("{symbol}")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @WithTransaction
    @Operation(summary = "Create or replace an instrument (administrators)")
    public Uni<Response> put(@PathParam("symbol") String symbol, InstrumentRequest request) {
        String key = symbol(symbol);
        if (request == null) {
            throw new IllegalArgumentException("an instrument body is required");
        }
        request.validate();
        return InstrumentEntity.<InstrumentEntity>findById(key).flatMap(existing -> {
            InstrumentEntity entity = existing != null ? existing : new InstrumentEntity();
            entity.symbol = key;
            entity.name = request.name().trim();
            entity.currency = request.currency();
            entity.tickSize = FixedPoint.of(request.tickSize());
            entity.lotSize = request.lotSize();
            entity.sector = request.sector();
            entity.tradable = request.tradable() == null || request.tradable();
            entity.updatedAt = OffsetDateTime.now();
            Uni<?> saved = existing != null ? Uni.createFrom().item(entity) : entity.persist();
            return saved.flatMap(unused -> OutboxEntry.of(AGGREGATE, key).persist())
                    .map(unused -> Response.status(existing != null ? 200 : 201).entity(InstrumentView.of(entity)).build());
        });
    }

    @DELETE
    @Path("{symbol}")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    @WithTransaction
    @Operation(summary = "Remove an instrument (administrators); consumers get a tombstone")
    public Uni<Response> delete(@PathParam("symbol") String symbol) {
        String key = symbol(symbol);
        return InstrumentEntity.<InstrumentEntity>findById(key).flatMap(existing -> {
            if (existing == null) {
                throw new NotFoundException("no instrument " + key);
            }
            return existing.delete().flatMap(unused -> OutboxEntry.of(AGGREGATE, key).persist())
                    .map(unused -> Response.noContent().build());
        });
    }

    private static String symbol(String symbol) {
        String key = symbol.trim().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(key).matches()) {
            throw new IllegalArgumentException("a symbol is 1 to 16 letters, digits, dots or dashes");
        }
        return key;
    }
}
