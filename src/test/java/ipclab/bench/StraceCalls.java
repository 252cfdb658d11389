package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The launcher under strace, one file per thread (-ff, so no call is split into "unfinished" and
 * "resumed" lines), timestamps kept: every traced line of every thread in time order. Skips where
 * strace is missing, fails then under IPCLAB_REQUIRE_TOOLS, as the other strace tests do.
 */
final class StraceCalls {
    /** {@code TIME read|write(FD, ..., ASKED) = RESULT}. */
    static final Pattern IO = Pattern.compile("^([\\d.]+) (read|write)\\((\\d+), .*, (\\d+)\\) += (-?\\d+)");

    private StraceCalls() {}

    static void requireStrace() {
        // Looked for on PATH: starting a missing program throws instead of failing.
        boolean present = ipclab.trace.Tools.find("strace").isPresent();
        if (System.getenv("IPCLAB_REQUIRE_TOOLS") != null) {
            assertThat(present).as("strace is required (IPCLAB_REQUIRE_TOOLS) but missing").isTrue();
        }
        assumeThat(present).as("strace is not installed").isTrue();
    }

    /** The lines strace saw of {@code calls} while {@code bin/ipclab args} ran (which must succeed). */
    static List<String> of(String calls, String... args) throws Exception {
        requireStrace();
        Path dir = Files.createTempDirectory("ipclab-strace");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-ff", "-qq", "-ttt", "-e", "trace=" + calls,
                "-e", "signal=none", "-o", dir.resolve("t").toString(), "bin/ipclab"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                lines.addAll(Files.readAllLines(f));
                Files.delete(f);
            }
        }
        Files.delete(dir);
        lines.sort(Comparator.comparingDouble(StraceCalls::time));
        return lines;
    }

    static double time(String line) {
        int space = line.indexOf(' ');
        try {
            return Double.parseDouble(space < 0 ? line : line.substring(0, space));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The last line that {@code pattern} finds something in (a first run also trains the AOT cache). */
    static Matcher last(List<String> lines, Pattern pattern) {
        return lines.stream().map(pattern::matcher).filter(Matcher::find).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("strace saw no " + pattern));
    }

    /** The reads or writes of {@code fd} after {@code from} (seconds) until it was closed. */
    static List<Matcher> io(List<String> lines, String call, String fd, double from) {
        List<Matcher> calls = new ArrayList<>();
        for (String l : lines) {
            double t = time(l);
            if (t < from) {
                continue;
            }
            if (l.matches("[\\d.]+ close\\(" + fd + "\\).*")) {
                break;
            }
            Matcher m = IO.matcher(l);
            if (m.find() && m.group(2).equals(call) && m.group(3).equals(fd)) {
                calls.add(m);
            }
        }
        return calls;
    }
}
