package ipclab.report;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.experiment.Fixtures;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The summary in each format against golden copies, in a point-decimal and two comma-decimal locales. */
class SummaryFormatTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "fr-FR"})
    void summaryMatchesTheGoldenFiles(String tag) throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(tag));
            Results r = ResultsReader.read(Fixtures.write(dir.resolve("golden-run"), Fixtures.smallPlan()));
            List<Summary> summaries = Summary.of(r);
            assertThat(summaries).hasSize(6);
            for (var f : List.of(SummaryFormat.CSV, SummaryFormat.JSON, SummaryFormat.MARKDOWN)) {
                String name = "summary." + switch (f) {
                    case CSV -> "csv";
                    case JSON -> "json";
                    case MARKDOWN -> "md";
                };
                String actual = f.render(summaries);
                assertThat(actual).as(name).isEqualTo(golden(name, actual));
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    static String golden(String name, String actual) throws Exception {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual);
        }
        try (var in = SummaryFormatTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
