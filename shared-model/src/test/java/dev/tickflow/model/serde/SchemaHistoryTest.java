package dev.tickflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema is frozen under src/main/resources/schema-history/<Name>/vN.avsc, and each version must read data
 * written with every earlier one (backward compatible, transitively): a consumer deployed with the new schema keeps
 * reading what old producers wrote. After changing a schema, freeze it as a new version with
 * {@code ./mvnw -pl shared-model test -Dtest=SchemaHistoryTest -Dtickflow.schemas.freeze=true}.
 */
class SchemaHistoryTest {

    private static final Path HISTORY = Path.of("src/main/resources", RecordType.HISTORY_ROOT);

    @Test
    void currentSchemaIsFrozenAsTheLatestVersion() throws IOException {
        if (Boolean.getBoolean("tickflow.schemas.freeze")) {
            freezeChangedSchemas();
            return; // the history loaded by this run predates the files just written; the next build checks them
        }
        for (RecordType<?> type : RecordTypes.all()) {
            List<Schema> history = type.history();
            assertThat(history).as("%s has no frozen version; freeze it (see class javadoc)", type.name()).isNotEmpty();
            assertThat(history.getLast())
                    .as("%s changed since its last frozen version v%d; freeze it (see class javadoc)", type.name(),
                            history.size())
                    .isEqualTo(type.schema());
        }
    }

    @Test
    void everyVersionReadsEveryEarlierVersion() {
        for (RecordType<?> type : RecordTypes.all()) {
            List<Schema> history = type.history();
            for (int reader = 0; reader < history.size(); reader++) {
                for (int writer = 0; writer < reader; writer++) {
                    assertThat(compatibility(history.get(reader), history.get(writer)))
                            .as("%s v%d reading v%d", type.name(), reader + 1, writer + 1)
                            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                }
            }
        }
    }

    @Test
    void theCheckRejectsAFieldAddedWithoutDefault() {
        Schema v1 = SchemaBuilder.record("Probe").fields().requiredString("symbol").endRecord();
        Schema withDefault = SchemaBuilder.record("Probe").fields().requiredString("symbol")
                .name("venue").type().nullable().stringType().noDefault().endRecord();
        Schema withNullDefault = SchemaBuilder.record("Probe").fields().requiredString("symbol")
                .optionalString("venue").endRecord();
        assertThat(compatibility(withDefault, v1)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(compatibility(withNullDefault, v1)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    private static void freezeChangedSchemas() throws IOException {
        for (RecordType<?> type : RecordTypes.all()) {
            List<Schema> history = type.history();
            if (!history.isEmpty() && history.getLast().equals(type.schema())) {
                continue;
            }
            Path file = HISTORY.resolve(type.name()).resolve("v" + (history.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, type.schema().toString(true) + "\n");
        }
    }
}
