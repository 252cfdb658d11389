package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notebook's JSON is the golden file's in every locale (no number or lower-casing may follow
 * the default locale), is nbformat 4, and says in its first cell which ipclab and folder made it.
 * To update the golden files after a deliberate change, run with -Dipclab.golden.update=true.
 */
class NotebookTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "tr-TR"})
    void notebooksAreTheGoldenOnesInEveryLocale(String tag) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            for (Notebook.Kind kind : Notebook.Kind.values()) {
                String json = Notebook.json("20261202-051433-lab", ".", kind, "ipclab 0.1.0");
                Path golden = GOLDEN.resolve("notebook-" + kind.name().toLowerCase(Locale.ROOT) + ".ipynb");
                if (Boolean.getBoolean("ipclab.golden.update") && tag.equals("en-US")) {
                    Files.writeString(golden, json);
                }
                assertThat(json).as(golden + " under " + tag).isEqualTo(Files.readString(golden));
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void firstCellNamesVersionAndFolder() throws Exception {
        JsonNode nb = new ObjectMapper().readTree(Notebook.json("my-folder", "../my-folder", Notebook.Kind.SWEEP,
                "ipclab 9.9"));
        assertThat(nb.path("nbformat").asInt()).isEqualTo(4);
        String first = String.join("", nb.path("cells").get(0).path("source").findValuesAsText(""));
        StringBuilder text = new StringBuilder();
        nb.path("cells").get(0).path("source").forEach(l -> text.append(l.asText()));
        assertThat(text.toString()).contains("ipclab 9.9", "`my-folder`", "sweep");
        StringBuilder setup = new StringBuilder();
        nb.path("cells").get(1).path("source").forEach(l -> setup.append(l.asText()));
        assertThat(setup.toString()).contains("FOLDER = Path(\"../my-folder\")");
        assertThat(first).isEmpty();
        // a sweep's notebook has no probe-effect cell; a probe-effect folder's no results.csv cell
        assertThat(nb.toString()).doesNotContain("probe-effect.csv");
        assertThat(Notebook.json("p", ".", Notebook.Kind.PROBE_EFFECT, "v")).doesNotContain("results.csv");
    }

    @Test
    void pythonStringsAreQuoted() {
        assertThat(Notebook.python("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
