package dev.tickflow.support.problem;

import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a service answers is a problem body, the framework's own included. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().response().build();
    }

    /** A body that is not JSON, or not of the shape asked for: where it went wrong, not a bare 400. */
    @ServerExceptionMapper
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        String detail = e.getOriginalMessage();
        if (e.getLocation() != null) {
            detail += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return Problem.of(400, "Unreadable body", detail.substring(0, Math.min(500, detail.length()))).response().build();
    }

    /** The framework maps this subtype itself with an empty body; ours is the closer match and answers a problem. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Problem.of(400, "Invalid request", e.getMessage()).response().build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "Forbidden", e.getMessage()).response().build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Problem.of(401, "Unauthorized", "an account API token is required (Authorization: Bearer <token>)").response()
                .header("WWW-Authenticate", "Bearer realm=\"tickflow\"").build();
    }

    /** A token was given but matched no active account (reaches here when authentication is not proactive). */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Problem.of(401, "Unauthorized", "the API token is not valid for any active account").response()
                .header("WWW-Authenticate", "Bearer realm=\"tickflow\", error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        return Problem.of(503, "State unavailable", e.getMessage()).response().header("Retry-After", 1).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        return Problem.of(original.getStatus(), original.getStatusInfo().getReasonPhrase(), e.getMessage()).response().build();
    }
}
