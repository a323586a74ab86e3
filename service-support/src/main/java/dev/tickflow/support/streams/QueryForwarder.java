package dev.tickflow.support.streams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a query through the instance that owns the key, passing its answer through. A forwarded request carries a
 * header; an instance that receives one for a key it does not own (the assignment moved meanwhile) answers 503 instead
 * of forwarding again, so requests never ping-pong during a rebalance.
 */
public final class QueryForwarder {

    public static final String FORWARDED = "X-Tickflow-Forwarded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Response forward(HostInfo owner, UriInfo uri, boolean alreadyForwarded) {
        return forward(owner, uri, alreadyForwarded, null);
    }

    /** Forwards with the caller's credentials, for queries that are authorized per account. */
    public Response forward(HostInfo owner, UriInfo uri, boolean alreadyForwarded, String authorization) {
        if (alreadyForwarded) {
            throw new StoreUnavailableException("this instance no longer owns the key (rebalancing)");
        }
        return send(owner, uri.getRequestUriBuilder().scheme("http").host(owner.host()).port(owner.port()).build(), authorization);
    }

    /** A request to another instance's path, for gathering everyone's part of a store. */
    public Response forwardPath(HostInfo owner, String pathAndQuery) {
        return send(owner, URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery), null);
    }

    private Response send(HostInfo owner, URI target, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).header(FORWARDED, "true").GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder answer = Response.status(response.statusCode()).entity(response.body());
            response.headers().firstValue("Content-Type").ifPresent(type -> answer.header("Content-Type", type));
            response.headers().firstValue("Retry-After").ifPresent(retry -> answer.header("Retry-After", retry));
            return answer.header("X-Tickflow-Served-By", owner.host() + ":" + owner.port()).build();
        } catch (IOException e) {
            throw new StoreUnavailableException("the owner " + owner.host() + ":" + owner.port() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }
}
