package dev.tickflow.feed.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem body ({@code application/problem+json}).
 *
 * @param errors one entry per failed rule, when there are several
 * @param accepted for partially accepted batches: how many ticks were published
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors, Integer accepted) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://tickflow.dev/problems/";

    /**
     * One failed rule.
     *
     * @param location where in the payload ({@code [3]} in a batch)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String location, String field, String code, String message) {
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
