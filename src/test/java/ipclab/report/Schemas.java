package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;

/** The project's JSON Schemas, loaded from the jar's resources, and validation against them. */
public final class Schemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://ipclab.dev/schema/", "classpath:ipclab/")));
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Schemas() {}

    public static JsonSchema run() {
        return FACTORY.getSchema(java.net.URI.create("https://ipclab.dev/schema/run.schema.json"));
    }

    public static JsonSchema sample() {
        return FACTORY.getSchema(java.net.URI.create("https://ipclab.dev/schema/sample.schema.json"));
    }

    /** Parses {@code json} and asserts it is valid against {@code schema}; returns the tree. */
    public static JsonNode assertValid(JsonSchema schema, String json) throws Exception {
        JsonNode node = MAPPER.readTree(json);
        Set<ValidationMessage> errors = schema.validate(node);
        assertThat(errors).as("schema violations in %s", json).isEmpty();
        return node;
    }
}
