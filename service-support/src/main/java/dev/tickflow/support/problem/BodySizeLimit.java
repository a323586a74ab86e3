package dev.tickflow.support.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request body larger than {@code tickflow.http.max-body-bytes} is refused before it is read, with a problem body
 * (413). The HTTP server's own limit is set well above it only so that this answer, not a bare one, is what a client gets.
 */
public class BodySizeLimit {

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "tickflow.http.max-body-bytes", defaultValue = "1048576") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseLargeBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.trim()) > maxBytes) {
                return Problem.of(413, "Body too large", "a request body may have at most " + maxBytes + " bytes").response().build();
            }
        } catch (NumberFormatException e) {
            return Problem.of(400, "Invalid request", "Content-Length is not a number").response().build();
        }
        return null;
    }
}
