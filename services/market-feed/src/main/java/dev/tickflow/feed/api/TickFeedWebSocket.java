package dev.tickflow.feed.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.support.auth.ApiTokenIdentityProvider;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * Push feed over a WebSocket, for feeds that hold a connection open. Each text message is a tick or an array of
 * ticks, answered by one JSON message: {@code {"accepted": n}} or the same problem body POST /ticks would return. The
 * upgrade is refused (401, 403) unless the caller has the feed or admin role: {@code Authorization: Bearer <token>}, or
 * the {@code access_token} query parameter where a client cannot set headers.
 */
@WebSocket(path = "/ws/ticks")
@RolesAllowed({ApiTokenIdentityProvider.FEED, ApiTokenIdentityProvider.ADMIN})
public class TickFeedWebSocket {

    private final PushHandler handler;
    private final ObjectMapper mapper;

    TickFeedWebSocket(PushHandler handler, ObjectMapper mapper) {
        this.handler = handler;
        this.mapper = mapper;
    }

    @OnTextMessage
    Uni<String> onMessage(String message) {
        return handler.handle(message.getBytes(StandardCharsets.UTF_8), FeedSource.PUSH_WEBSOCKET)
                .onItem().transform(answer -> {
                    Map<String, Object> reply = new LinkedHashMap<>();
                    reply.put("accepted", answer.accepted());
                    if (answer.problem() != null) {
                        reply.put("problem", answer.problem());
                    }
                    try {
                        return mapper.writeValueAsString(reply);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
