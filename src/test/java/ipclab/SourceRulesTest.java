package ipclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only the cli prints or exits (and Main, and the 2proc child's main). */
class SourceRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/ipclab");
    private static final List<String> ALLOWED = List.of("Main.java", "SenderProcess.java");

    @Test
    void nothingBelowCliPrintsOrExits() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> offenders = files
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(SOURCES.resolve("cli")))
                    .filter(p -> !ALLOWED.contains(p.getFileName().toString()))
                    .filter(p -> {
                        String text = read(p);
                        return text.contains("System.exit(") || text.contains("System.out.")
                                || text.contains("System.err.") || text.contains("printStackTrace(");
                    })
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
