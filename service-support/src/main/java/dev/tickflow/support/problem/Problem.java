package dev.tickflow.support.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body ({@code application/problem+json}).
 *
 * @param errors one entry per failed rule when there are several
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://tickflow.dev/problems/";

    /** One failed rule. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String code, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(URI.create(BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-')), title, status, detail, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(URI.create(BASE + "invalid-request"), "Invalid request", 400, detail, List.copyOf(errors));
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }
}
