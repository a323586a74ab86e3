package dev.tickflow.feed.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error answer is a problem body, including the framework's own. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return Problem.of("invalid-request", "Invalid request", 400, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.of("malformed-request", "Malformed request body", 400, e.getOriginalMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problem.of(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, status, e.getMessage()).toResponse();
    }
}
