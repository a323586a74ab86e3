package dev.tickflow.support.streams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Answers a query through the instance that owns the key ({@code host:port}), passing its answer through. A forwarded
 * request carries a header; an instance that receives one for a key it does not own (the assignment moved meanwhile)
 * answers 503 instead of forwarding again, so requests never ping-pong during a rebalance.
 */
public final class OwnerForwarder {

    public static final String FORWARDED = "X-Tickflow-Forwarded";
    public static final String SERVED_BY = "X-Tickflow-Served-By";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Forwards with the caller's credentials (null for none). */
    public Response forward(String owner, UriInfo uri, boolean alreadyForwarded, String authorization) {
        if (alreadyForwarded) {
            throw new StoreUnavailableException("this instance no longer owns the key (rebalancing)");
        }
        int colon = owner.lastIndexOf(':');
        String host = owner.substring(0, colon);
        int port = Integer.parseInt(owner.substring(colon + 1));
        return send(owner, uri.getRequestUriBuilder().scheme("http").host(host).port(port).build(), authorization);
    }

    /** A request to another instance's path, for gathering everyone's part of a view. */
    public Response forwardPath(String owner, String pathAndQuery) {
        return send(owner, URI.create("http://" + owner + pathAndQuery), null);
    }

    private Response send(String owner, URI target, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).header(FORWARDED, "true").GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder answer = Response.status(response.statusCode()).entity(response.body());
            response.headers().firstValue("Content-Type").ifPresent(type -> answer.header("Content-Type", type));
            response.headers().firstValue("Retry-After").ifPresent(retry -> answer.header("Retry-After", retry));
            return answer.header(SERVED_BY, owner).build();
        } catch (IOException e) {
            throw new StoreUnavailableException("the owner " + owner + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }
}
