package dev.tickflow.feed.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads pushed JSON: one tick object or an array of them. Numbers are read as exact decimals (never through a double,
 * which would turn 190.1 into 190.09999...). Each element keeps its own bytes for the dead-letter topic.
 */
@ApplicationScoped
public class JsonTickReader {

    private final ObjectReader reader;
    private final ObjectMapper mapper;

    public JsonTickReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The ticks in a payload; a payload that is not JSON at all becomes one tick that fails as malformed. */
    public List<RawTick> read(byte[] payload, int maxBatchSize) {
        JsonNode root;
        try {
            root = reader.readTree(payload);
        } catch (IOException e) {
            return List.of(whole(payload, "malformed", "not valid JSON: " + firstLine(e)));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(whole(payload, "malformed", "the payload is empty"));
        }
        if (root.isObject()) {
            return List.of(fromNode(root, null, payload));
        }
        if (!root.isArray()) {
            return List.of(whole(payload, "malformed", "expected a tick object or an array of them"));
        }
        if (root.size() > maxBatchSize) {
            return List.of(whole(payload, "batch-too-large", "a batch holds at most " + maxBatchSize + " ticks, this one " + root.size()));
        }
        List<RawTick> ticks = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            String location = "[" + i + "]";
            ticks.add(element.isObject()
                    ? fromNode(element, location, bytes(element))
                    : new RawTick(null, null, null, null, null, null, null, location, bytes(element),
                            List.of(Violation.ofInput("malformed", "expected a tick object"))));
        }
        return ticks;
    }

    /** A whole payload refused before looking at ticks: too large, not JSON, ... */
    public static RawTick whole(byte[] payload, String code, String message) {
        return new RawTick(null, null, null, null, null, null, null, null, payload, List.of(Violation.ofInput(code, message)));
    }

    /** One JSON object as a tick; also used for single lines of JSON-lines files. */
    public RawTick fromNode(JsonNode node, String location, byte[] original) {
        List<Violation> violations = new ArrayList<>();
        return new RawTick(
                text(node, "symbol", violations),
                text(node, "price", violations),
                text(node, "quantity", violations),
                text(node, "timestamp", violations),
                text(node, "side", violations),
                text(node, "venue", violations),
                text(node, "tradeId", violations),
                location, original, violations);
    }

    public JsonNode parseLine(String line) throws JsonProcessingException {
        return reader.readTree(line);
    }

    private static String text(JsonNode node, String field, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isValueNode() && !value.isBoolean()) {
            return value.asText();
        }
        violations.add(new Violation(field, field.toLowerCase(java.util.Locale.ROOT) + "-invalid",
                field + " must be a string or a number, was " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        return null;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
