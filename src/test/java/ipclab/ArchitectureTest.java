package ipclab;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanisms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering ARCHITECTURE.md draws, held against the sources: a package imports only its own
 * layer and the layers below it, and no class outside a mechanism's own package names a
 * particular mechanism (the registry is the one list).
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/ipclab");
    /** Bottom first. A package belongs to the layer of its first name after {@code ipclab}. */
    static final List<String> LAYERS = List.of("sys", "ipc", "machine", "model", "probe", "run", "workload", "bench",
            "trace", "experiment", "report", "cli", "");
    private static final Pattern REFERENCE = Pattern.compile("\\bipclab\\.([a-z]+)\\.[a-zA-Z]");

    @Test
    void importsPointDownTheLayers() {
        List<String> upward = new ArrayList<>();
        for (Path file : sources()) {
            int own = layer(file);
            Matcher m = REFERENCE.matcher(code(file));
            while (m.find()) {
                int used = LAYERS.indexOf(m.group(1));
                if (used > own) {
                    upward.add(SOURCES.relativize(file) + " uses ipclab." + m.group(1));
                }
            }
        }
        assertThat(upward).as("references that run up the layers").isEmpty();
    }

    @Test
    void theLayerTableKnowsEveryPackage() {
        for (Path file : sources()) {
            assertThat(layer(file)).as(file.toString()).isNotNegative();
        }
    }

    @Test
    void onlyAMechanismsOwnPackageNamesIt() {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            Path rel = SOURCES.relativize(file);
            if (rel.startsWith("ipc") && (rel.getNameCount() > 2 || rel.endsWith("Mechanisms.java"))) {
                continue; // ipc/<mechanism>/... and the registry
            }
            if (rel.startsWith("sys")) {
                continue; // bindings keep C names, and splice(2) is one: sys is below every mechanism anyway
            }
            String code = code(file);
            // A binding keeps its C name, and a mechanism may be named after its call (eventfd).
            boolean binding = rel.startsWith("sys");
            for (String name : Mechanisms.names()) {
                String quoted = "\"" + name + "\"";
                String type = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Mechanism";
                if ((!binding && code.contains(quoted)) || code.contains(type)) {
                    offenders.add(rel + " names " + name);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** The check itself can fail: an upward reference in a made-up file is caught. */
    @Test
    void anUpwardReferenceIsSeen() {
        Matcher m = REFERENCE.matcher("import ipclab.cli.Cli;");
        assertThat(m.find()).isTrue();
        assertThat(LAYERS.indexOf(m.group(1))).isGreaterThan(LAYERS.indexOf("sys"));
    }

    private static int layer(Path file) {
        Path rel = SOURCES.relativize(file);
        return LAYERS.indexOf(rel.getNameCount() == 1 ? "" : rel.getName(0).toString());
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file without comments and string literals' contents... but with quoted names kept. */
    private static String code(Path file) {
        try {
            String s = Files.readString(file);
            s = s.replaceAll("(?s)/\\*.*?\\*/", "");
            return s.replaceAll("//[^\\n]*", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
