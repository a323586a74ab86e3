package dev.tickflow.refdata.accounts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.TokenHash;
import dev.tickflow.refdata.outbox.OutboxEntry;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import dev.tickflow.support.auth.Caller;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
 * Trading accounts and their risk limits. An account sees itself; administrators see and change every account. Changes
 * go out through the outbox to ref.accounts (what the services authenticate tokens against) and ref.limits (what risk
 * enforces).
 */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountResource {

    public static final String ACCOUNT = "account";
    public static final String LIMITS = "limits";
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final SecurityIdentity identity;

    AccountResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @WithSession
    @Operation(summary = "Every account, a page at a time (administrators)")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    public Uni<List<AccountViews.AccountView>> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 500");
        }
        return AccountEntity.<AccountEntity>findAll(Sort.by("accountId")).page(Page.of(page, size)).list()
                .map(found -> found.stream().map(AccountViews.AccountView::of).toList());
    }

    @GET
    @Path("{account}")
    @WithSession
    public Uni<AccountViews.AccountView> get(@PathParam("account") String account) {
        Caller.requireAccess(identity, account);
        return AccountEntity.<AccountEntity>findById(account).map(found -> AccountViews.AccountView.of(require(found, account)));
    }

    @PUT
    @Path("{account}")
    @WithTransaction
    @Operation(summary = "Create or change an account (administrators); a token given is stored as its SHA-256 only")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    public Uni<Response> put(@PathParam("account") String account, AccountRequest request) {
        String id = accountId(account);
        if (request == null) {
            throw new IllegalArgumentException("an account body is required");
        }
        return AccountEntity.<AccountEntity>findById(id).flatMap(existing -> {
            request.validate(existing != null);
            String tokenHash = request.token() == null ? existing.tokenHash : TokenHash.of(request.token());
            return AccountEntity.<AccountEntity>find("tokenHash = ?1 and accountId <> ?2", tokenHash, id).firstResult().flatMap(clash -> {
                if (clash != null) {
                    throw new ProblemException(Problem.of(409, "Conflict", "that token belongs to another account; choose another"));
                }
                AccountEntity entity = existing != null ? existing : new AccountEntity();
                entity.accountId = id;
                entity.displayName = request.displayName().trim();
                entity.tokenHash = tokenHash;
                entity.status = request.status() != null ? request.status() : existing != null ? existing.status : "ACTIVE";
                entity.ownerGroup = request.ownerGroup() != null ? request.ownerGroup() : existing != null ? existing.ownerGroup : id;
                entity.admin = request.admin() != null ? request.admin() : existing != null && existing.admin;
                entity.updatedAt = OffsetDateTime.now();
                Uni<?> saved = existing != null ? Uni.createFrom().item(entity) : entity.persist();
                return saved.flatMap(unused -> OutboxEntry.of(ACCOUNT, id).persist())
                        .map(unused -> Response.status(existing != null ? 200 : 201).entity(AccountViews.AccountView.of(entity)).build());
            });
        });
    }

    @GET
    @Path("{account}/limits")
    @WithSession
    public Uni<AccountViews.LimitsView> limits(@PathParam("account") String account) {
        Caller.requireAccess(identity, account);
        return RiskLimitsEntity.<RiskLimitsEntity>findById(account).map(found -> {
            if (found == null) {
                throw new NotFoundException("no limits set for " + account + ": risk applies its defaults");
            }
            return AccountViews.LimitsView.of(found);
        });
    }

    @PUT
    @Path("{account}/limits")
    @WithTransaction
    @Operation(summary = "Set an account's pre-trade limits (administrators)")
    @RolesAllowed(ApiTokenIdentityProvider.ADMIN)
    public Uni<Response> putLimits(@PathParam("account") String account, LimitsRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a limits body is required");
        }
        request.validate();
        return AccountEntity.<AccountEntity>findById(account).flatMap(owner -> {
            require(owner, account);
            return RiskLimitsEntity.<RiskLimitsEntity>findById(account);
        }).flatMap(existing -> {
            RiskLimitsEntity entity = existing != null ? existing : new RiskLimitsEntity();
            entity.accountId = account;
            entity.maxOrderQuantity = request.maxOrderQuantity();
            entity.maxOrderNotional = FixedPoint.of(request.maxOrderNotional());
            entity.maxPositionQuantity = request.maxPositionQuantity();
            entity.maxOpenOrders = request.maxOpenOrders();
            entity.maxOrdersPerSecond = request.maxOrdersPerSecond();
            entity.priceCollarBps = request.priceCollarBps();
            entity.updatedAt = OffsetDateTime.now();
            Uni<?> saved = existing != null ? Uni.createFrom().item(entity) : entity.persist();
            return saved.flatMap(unused -> OutboxEntry.of(LIMITS, account).persist())
                    .map(unused -> Response.ok(AccountViews.LimitsView.of(entity)).build());
        });
    }

    private static AccountEntity require(AccountEntity found, String account) {
        if (found == null) {
            throw new NotFoundException("no account " + account);
        }
        return found;
    }

    private static String accountId(String account) {
        if (!ACCOUNT_ID.matcher(account).matches()) {
            throw new IllegalArgumentException("an account id is 1 to 64 lowercase letters, digits, dots, dashes or underscores");
        }
        return account;
    }
}
