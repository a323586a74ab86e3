package dev.tickflow.stats.query;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as problem+json; an unavailable store is a 503 with Retry-After, never a wait. */
public class QueryExceptionMappers {

    static final String PROBLEM = "application/problem+json";

    /** RFC 9457 body. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(URI type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        return problem("state-unavailable", "State unavailable", 503, e.getMessage()).header("Retry-After", 1).build();
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return problem("invalid-request", "Invalid request", 400, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, e.getResponse().getStatus(), e.getMessage())
                .build();
    }

    static Response.ResponseBuilder problem(String slug, String title, int status, String detail) {
        return Response.status(status).type(MediaType.valueOf(PROBLEM))
                .entity(new Problem(URI.create("https://tickflow.dev/problems/" + slug), title, status, detail));
    }
}
