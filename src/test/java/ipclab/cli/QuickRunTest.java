package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The picocli-free path reads a command line as picocli does, or leaves it to picocli. */
class QuickRunTest {
    /** What picocli makes of {@code args}: the fields it set, or null when it refuses them. */
    private static String picocli(String[] args) {
        IpclabCommand c = new IpclabCommand();
        try {
            new CommandLine(c).parseArgs(args);
            c.validated();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            return null;
        }
        return fields(c);
    }

    private static String fields(IpclabCommand c) {
        BenchOptions b = c.bench;
        return String.join(" ", String.valueOf(c.mode), "b=" + b.bufferSizeBytes, "t=" + b.totalSizeBytes,
                "i=" + b.mechanism, "p=" + b.tcpPort, "s=" + b.socketBuffers, "B=" + b.bare, "pipe=" + b.pipeSizeBytes,
                "cpus=" + b.cpus, "shared=" + b.sharedFdTable, "g=" + b.usage, "n=" + c.iterations, "j=" + c.json,
                "q=" + c.quiet, "v=" + c.verbose, "jfr=" + c.jfrFile, "calls=" + c.jfrCalls);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "2thread", "-B -q 2thread", "-Bqsv -i local 1thread", "-b 4k -t 1m 2proc", "-b4k -t=1m 2thread",
        "-vb 32 2thread", "-n 3 -j -g 2thread", "--pipe-size 1m 2thread", "--pipe-size=64k -B 2thread",
        "--cpus 0 2thread", "--cpus=0,1 2proc", "--shared-fd-table 1thread", "--jfr r.jfr --jfr-calls 2thread",
        "-i tcp -p 0 -s 2thread", "-p 12345 -i tcp 2thread", "2thread -B", "-B 2thread -v",
        // picocli's business: each either refused or left to it
        "-b -4 2thread", "-b 2thread", "-v -v 2thread", "-b 4k -b 8k 2thread", "2thread 2proc", "-x 2thread",
        "--jfr -v 2thread", "--cpus -v 2thread", "-- 2thread", "-i pipes 2thread", "pipe", "-s -i pipe 2thread",
        "-n 0 2thread", "--jfr-calls=true 2thread", "@args 2thread", "-b 0 2thread", "-t 6k -b 4k 2thread",
        "-p +7 -i tcp 2thread", "-Bx 2thread", "--buffer 4k 2thread", "-", "",
    })
    void readsWhatPicocliReadsOrDefersToIt(String line) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split(" ");
        IpclabCommand quick = QuickRun.parse(args);
        String expected = picocli(args);
        if (quick != null) {
            String got;
            try {
                quick.validated();
                got = fields(quick);
            } catch (IllegalArgumentException e) {
                got = null; // tryRun defers a command line that does not validate
            }
            if (got != null) {
                assertThat(got).as("quick path took '%s'", line).isEqualTo(expected);
            }
        }
        if (expected != null && !line.contains("--") && !line.contains("-b4k") && !line.contains("+")) {
            // Every plain, well-formed run takes the quick path.
            assertThat(quick).as("quick path refused '%s'", line).isNotNull();
        }
    }

    /** The root's --help is served from a resource: it must be what picocli renders. */
    @Test
    void helpResourceIsPicocliRendering() throws Exception {
        String rendered = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getUsageMessage();
        String kept = QuickRun.help();
        if (!rendered.equals(kept)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/root-help.txt"), QuickRun.mechanismsLine() + "\n" + rendered);
        }
        assertThat(kept).as("src/main/resources/ipclab/cli/root-help.txt is stale: copy target/root-help.txt over it")
                .isEqualTo(rendered);
    }

    @Test
    void helpAndVersionTakeTheQuickPath() {
        StringWriter out = new StringWriter();
        assertThat(QuickRun.tryRun(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(out.toString()).startsWith("Usage: ipclab [-Bqsv]").contains("commands:");
        out = new StringWriter();
        assertThat(QuickRun.tryRun(new String[] {"-V"}, new PrintWriter(out), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(out.toString()).startsWith("ipclab ");
    }
}
