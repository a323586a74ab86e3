package dev.tickflow.support.problem;

import dev.tickflow.support.streams.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a service answers is a problem body, the framework's own included. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().response().build();
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
