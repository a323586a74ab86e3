package dev.tickflow.model.serde;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickflow.model.FixedPoint;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders a record as plain JSON for people (the launcher's {@code tail}, logs of a dead letter): fixed-point fields
 * as exact decimals, unions as their value, and records inside a union tagged with {@code "@type"}.
 * Not a wire format: services speak Avro on topics and their own DTOs at the edges.
 */
public final class RecordJson {

    /** Field property marking a long as fixed-point with this many decimals. */
    public static final String FIXED_POINT_SCALE = "fixedPointScale";

    private static final JsonFactory JSON = new JsonFactory();

    private RecordJson() {
    }

    public static String toJson(IndexedRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writeRecord(json, record, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRecord(JsonGenerator json, IndexedRecord record, boolean tagged) throws IOException {
        json.writeStartObject();
        if (tagged) {
            json.writeStringField("@type", record.getSchema().getName());
        }
        for (Schema.Field field : record.getSchema().getFields()) {
            json.writeFieldName(field.name());
            boolean fixedPoint = field.getObjectProp(FIXED_POINT_SCALE) != null;
            writeValue(json, field.schema(), record.get(field.pos()), fixedPoint);
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Schema schema, Object value, boolean fixedPoint) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION -> writeUnion(json, schema, value, fixedPoint);
            case RECORD -> writeRecord(json, (IndexedRecord) value, false);
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    writeValue(json, schema.getElementType(), item, false);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    writeValue(json, schema.getValueType(), entry.getValue(), false);
                }
                json.writeEndObject();
            }
            case LONG -> {
                if (fixedPoint) {
                    json.writeNumber(FixedPoint.toBigDecimal((Long) value).stripTrailingZeros().toPlainString());
                } else {
                    json.writeNumber((Long) value);
                }
            }
            case INT -> json.writeNumber((Integer) value);
            case DOUBLE -> writeDouble(json, (Double) value);
            case FLOAT -> writeDouble(json, ((Float) value).doubleValue());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            default -> json.writeString(value.toString());
        }
    }

    private static void writeUnion(JsonGenerator json, Schema union, Object value, boolean fixedPoint) throws IOException {
        int recordBranches = 0;
        Schema branch = null;
        for (Schema candidate : union.getTypes()) {
            if (candidate.getType() == Schema.Type.RECORD) {
                recordBranches++;
            }
            if (branch == null && matches(candidate, value)) {
                branch = candidate;
            }
        }
        if (branch == null) {
            json.writeString(value.toString());
        } else if (branch.getType() == Schema.Type.RECORD) {
            writeRecord(json, (IndexedRecord) value, recordBranches > 1);
        } else {
            writeValue(json, branch, value, fixedPoint);
        }
    }

    private static boolean matches(Schema candidate, Object value) {
        return switch (candidate.getType()) {
            case NULL -> false;
            case RECORD -> value instanceof IndexedRecord record && record.getSchema().getFullName().equals(candidate.getFullName());
            case LONG -> value instanceof Long;
            case INT -> value instanceof Integer;
            case DOUBLE -> value instanceof Double;
            case FLOAT -> value instanceof Float;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof CharSequence;
            case ARRAY -> value instanceof Collection;
            case MAP -> value instanceof Map;
            default -> true;
        };
    }

    private static void writeDouble(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }
}
