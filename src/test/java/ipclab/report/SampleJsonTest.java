package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.model.Sample;
import ipclab.bench.SampleFields;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Grants;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sample record's JSON: a golden file, the same under any locale, and in step with its schema. */
class SampleJsonTest {
    private static final Locale DEFAULT = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(DEFAULT);
    }

    static Sample sample() {
        BenchConfig config = new BenchConfig(Mode.TWO_THREAD, Mechanisms.require("pipe"), 4096, 1048576, 10141, false, 0, true,
                List.of(0, 1));
        ResourceUsage usage = new ResourceUsage("threads ipclab-receiver+ipclab-sender (RUSAGE_THREAD)", 1_234_000,
                5_678_000, 140, 3, 12, 0, 1, 6_543_210);
        return new Sample(config, 2, false, 1_048_576_000L / 3, 1048576, 256, 256, 0,
                Grants.of("pipe_capacity_bytes", 65536), usage, "none", "testhost", null,
                new Placement(List.of(0), List.of(1)));
    }

    /** The record with the one machine-dependent value (the clock's resolution) fixed. */
    static String render(Sample s) {
        return RunJson.sample(s).replaceAll("\"clock_resolution_ns\" : [0-9]+", "\"clock_resolution_ns\" : 1") + "\n";
    }

    static String golden(String name) throws Exception {
        try (InputStream in = SampleJsonTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "fr-FR", "ar-EG"})
    void matchesTheGoldenFileInAnyLocale(String tag) throws Exception {
        Locale.setDefault(Locale.forLanguageTag(tag));
        assertThat(render(sample())).isEqualTo(golden("sample.json"));
    }

    @Test
    void aFailedRunKeepsItsConfigurationAndError() throws Exception {
        Locale.setDefault(Locale.GERMANY);
        Sample failed = Sample.failure(sample().config(), 0, "write: Broken pipe (EPIPE)");
        String json = render(failed).replaceAll("\"host\" : \"[^\"]*\"", "\"host\" : \"testhost\"");
        assertThat(json).isEqualTo(golden("sample-failed.json"));
        Schemas.assertValid(Schemas.sample(), json);
    }

    @Test
    void goldenFileIsValidAgainstTheSchema() throws Exception {
        Schemas.assertValid(Schemas.sample(), golden("sample.json"));
    }

    @Test
    void schemaDocumentsExactlyTheFieldsInTheirOrder() throws Exception {
        JsonNode schema = Schemas.MAPPER.readTree(SampleJsonTest.class.getResourceAsStream("/ipclab/sample.schema.json"));
        List<String> documented = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyElementsOf(SampleFields.names());
        schema.get("properties").forEach(p -> assertThat(p.get("description").asText()).isNotBlank());
    }

    /** The schemas and docs/sample.md list exactly the registry's mechanisms. */
    @Test
    void mechanismListsAreTheRegistrys() throws Exception {
        java.util.List<String> names = ipclab.ipc.Mechanisms.names();
        for (String file : new String[] {"/ipclab/sample.schema.json", "/ipclab/run.schema.json"}) {
            com.fasterxml.jackson.databind.JsonNode schema;
            try (var in = SampleJsonTest.class.getResourceAsStream(file)) {
                schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            }
            java.util.List<String> enums = new java.util.ArrayList<>();
            schema.findParents("enum").stream().filter(n -> n.get("enum").toString().contains("\"pipe\""))
                    .forEach(n -> { enums.clear(); n.get("enum").forEach(e -> enums.add(e.asText())); });
            assertThat(enums).as(file).containsExactlyElementsOf(names);
        }
        String row = java.nio.file.Files.readString(java.nio.file.Path.of("docs/sample.md")).lines()
                .filter(l -> l.startsWith("| ipc |")).findFirst().orElseThrow();
        assertThat(row).contains(String.join(", ", names) + " (");
    }

    @Test
    void docsTableNamesEveryField() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/sample.md"));
        for (String name : SampleFields.names()) {
            assertThat(doc).as("docs/sample.md documents %s", name).contains(name);
        }
    }
}
