package dev.tickflow.support.streams;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.kafka.streams.state.HostInfo;

/** {@link OwnerForwarder} for Kafka Streams services, which know owners as {@link HostInfo}. */
public final class QueryForwarder {

    public static final String FORWARDED = OwnerForwarder.FORWARDED;

    private final OwnerForwarder forwarder = new OwnerForwarder();

    public Response forward(HostInfo owner, UriInfo uri, boolean alreadyForwarded) {
        return forward(owner, uri, alreadyForwarded, null);
    }

    /** Forwards with the caller's credentials, for queries that are authorized per account. */
    public Response forward(HostInfo owner, UriInfo uri, boolean alreadyForwarded, String authorization) {
        return forwarder.forward(owner.host() + ":" + owner.port(), uri, alreadyForwarded, authorization);
    }

    /** A request to another instance's path, for gathering everyone's part of a store. */
    public Response forwardPath(HostInfo owner, String pathAndQuery) {
        return forwarder.forwardPath(owner.host() + ":" + owner.port(), pathAndQuery);
    }
}
