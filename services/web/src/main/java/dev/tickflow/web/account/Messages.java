package dev.tickflow.web.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickflow.web.backend.Backend;
import jakarta.enterprise.context.ApplicationScoped;

/** The account stream's messages: {@code {"type":..., "requestId":..., "data"|"problem"|"text":...}}. */
@ApplicationScoped
public class Messages {

    private final ObjectMapper json;

    Messages(ObjectMapper json) {
        this.json = json;
    }

    /** A service's answer passed on: its body as {@code data}, or as {@code problem} when it refused. */
    public String answer(String type, String requestId, Backend.Answer answer) {
        if (answer.ok()) {
            return write(base(type, requestId).set("data", parse(answer.body())));
        }
        return error(requestId, answer.status(), parse(answer.body()));
    }

    public String data(String type, String requestId, JsonNode data) {
        return write(base(type, requestId).set("data", data));
    }

    /** A raw JSON document (an encoded record) as {@code data}. */
    public String rawData(String type, String encodedJson) {
        return "{\"type\":\"" + type + "\",\"data\":" + encodedJson + "}";
    }

    public String text(String type, String requestId, String text) {
        return write(base(type, requestId).put("text", text));
    }

    public String error(String requestId, int status, String detail) {
        ObjectNode problem = json.createObjectNode().put("status", status).put("title", "Request failed").put("detail", detail);
        return error(requestId, status, problem);
    }

    private String error(String requestId, int status, JsonNode problem) {
        ObjectNode message = base("error", requestId).put("status", status);
        message.set("problem", problem);
        return write(message);
    }

    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(body);
        }
    }

    private ObjectNode base(String type, String requestId) {
        ObjectNode message = json.createObjectNode().put("type", type);
        if (requestId != null) {
            message.put("requestId", requestId);
        }
        return message;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }
}
