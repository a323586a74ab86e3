package dev.tickflow.feed.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.tickflow.feed.ingest.JsonTickReader;
import dev.tickflow.feed.ingest.RawTick;
import dev.tickflow.feed.ingest.Violation;

/** Turns one line of a tick file into a raw tick: CSV with a header row, or JSON lines. */
abstract sealed class TickFileFormat {

    static TickFileFormat forFile(String name, JsonTickReader json) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return new Csv();
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return new JsonLines(json);
        }
        throw new IllegalArgumentException("unknown tick file format: " + name + " (use .csv, .jsonl or .ndjson)");
    }

    /** Called with the first line; returns true if that line was a header to skip. */
    abstract boolean header(String line);

    abstract RawTick parse(String line, long lineNumber);

    static RawTick malformed(String line, long lineNumber, String message) {
        return new RawTick(null, null, null, null, null, null, null, "line " + lineNumber,
                line.getBytes(StandardCharsets.UTF_8), List.of(Violation.ofInput("malformed", message)));
    }

    /** CSV with a header naming the columns: symbol, timestamp, price, quantity and optionally side, venue, tradeId. */
    static final class Csv extends TickFileFormat {

        private static final ObjectReader CELLS = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY);
        private final Map<String, Integer> columns = new HashMap<>();

        @Override
        boolean header(String line) {
            String[] names = cells(line);
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].trim(), i);
            }
            for (String required : List.of("symbol", "timestamp", "price", "quantity")) {
                if (!columns.containsKey(required)) {
                    throw new IllegalArgumentException("CSV header lacks the column '" + required + "': " + line);
                }
            }
            return true;
        }

        @Override
        RawTick parse(String line, long lineNumber) {
            String[] cells;
            try {
                cells = cells(line);
            } catch (IllegalArgumentException e) {
                return malformed(line, lineNumber, "not a CSV row: " + e.getMessage());
            }
            return new RawTick(cell(cells, "symbol"), cell(cells, "price"), cell(cells, "quantity"), cell(cells, "timestamp"),
                    cell(cells, "side"), cell(cells, "venue"), cell(cells, "tradeId"), "line " + lineNumber,
                    line.getBytes(StandardCharsets.UTF_8), List.of());
        }

        private String cell(String[] cells, String column) {
            Integer index = columns.get(column);
            return index == null || index >= cells.length ? null : cells[index];
        }

        private static String[] cells(String line) {
            try (MappingIterator<String[]> rows = CELLS.readValues(line)) {
                if (!rows.hasNext()) {
                    throw new IllegalArgumentException("empty row");
                }
                return rows.next();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** One JSON tick object per line. */
    static final class JsonLines extends TickFileFormat {

        private final JsonTickReader json;

        JsonLines(JsonTickReader json) {
            this.json = json;
        }

        @Override
        boolean header(String line) {
            return false;
        }

        @Override
        RawTick parse(String line, long lineNumber) {
            try {
                JsonNode node = json.parseLine(line);
                if (node == null || !node.isObject()) {
                    return malformed(line, lineNumber, "expected a JSON tick object");
                }
                return json.fromNode(node, "line " + lineNumber, line.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return malformed(line, lineNumber, "not valid JSON");
            }
        }
    }
}
