package dev.tickflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Avro instantiates generated classes reflectively; a native image needs each of them registered. */
class NativeImageConfigTest {

    @Test
    void everyGeneratedTypeReachableFromATopicValueIsRegisteredForReflection() throws Exception {
        Set<String> registered = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/native-image/dev.tickflow/shared-model/reflect-config.json")) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                registered.add(entry.get("name").asText());
            }
        }
        Set<String> named = new HashSet<>();
        RecordTypes.all().forEach(type -> collectNamedTypes(type.schema(), named));
        assertThat(registered).containsAll(named);
        // Kafka clients instantiate configured serializers by class name
        assertThat(registered).contains(TopicValueSerializer.class.getName(), TopicValueDeserializer.class.getName());
    }

    private static void collectNamedTypes(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectNamedTypes(field.schema(), names));
                }
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case UNION -> schema.getTypes().forEach(branch -> collectNamedTypes(branch, names));
            case ARRAY -> collectNamedTypes(schema.getElementType(), names);
            case MAP -> collectNamedTypes(schema.getValueType(), names);
            default -> {
                // primitives need nothing
            }
        }
    }
}
