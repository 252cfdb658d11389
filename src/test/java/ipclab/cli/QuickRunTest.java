package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            new CommandLine(c).registerConverter(Integer.TYPE, AsciiNumbers::toInt)
                    .registerConverter(Long.TYPE, AsciiNumbers::toLong).parseArgs(args);
            c.validated();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            return null;
        }
        return fields(c);
    }

    /**
     * Every field of the command and of its options, by reflection: an option added to either is
     * compared without being named here.
     */
    private static String fields(IpclabCommand c) {
        List<String> out = new ArrayList<>();
        describe(c, out);
        describe(c.bench, out);
        return String.join(" ", out);
    }

    private static void describe(Object o, List<String> out) {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == CommandLine.Model.CommandSpec.class
                    || f.getType() == BenchOptions.class) {
                continue;
            }
            try {
                f.setAccessible(true);
                out.add(f.getName() + "=" + f.get(o));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "2thread", "-B -q 2thread", "-Bqsv -i local 1thread", "-b 4k -t 1m 2proc", "-b4k -t=1m 2thread",
        "-vb 32 2thread", "-n 3 -j -g 2thread", "--pipe-size 1m 2thread", "--pipe-size=64k -B 2thread",
        "--cpus 0 2thread", "--cpus=0,1 2proc", "--shared-fd-table 1thread", "--jfr r.jfr --jfr-calls 2thread",
        "-i tcp -p 0 -s 2thread", "-p 12345 -i tcp 2thread", "2thread -B", "-B 2thread -v", "-i fifo -B 2thread",
        // picocli's business: each either refused or left to it
        "-b -4 2thread", "-b 2thread", "-v -v 2thread", "-b 4k -b 8k 2thread", "2thread 2proc", "-x 2thread",
        "--jfr -v 2thread", "--cpus -v 2thread", "-- 2thread", "-i pipes 2thread", "pipe", "-s -i pipe 2thread",
        "-n 0 2thread", "--jfr-calls=true 2thread", "@args 2thread", "-b 0 2thread", "-t 6k -b 4k 2thread",
        "-p +7 -i tcp 2thread", "-Bx 2thread", "--buffer 4k 2thread", "-", "", "-h 2thread", "-B", "-n",
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
        if (expected != null && !line.contains("--") && !line.contains("-b4k") && !line.contains("+")
                && !line.startsWith("-h ")) {
            // Every plain, well-formed run takes the quick path.
            assertThat(quick).as("quick path refused '%s'", line).isNotNull();
        }
    }

    /** The generated parser knows every option of the root that picocli knows, and nothing else. */
    @Test
    void generatedTableHasEveryOptionOfTheRoot() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new IpclabCommand()).getCommandSpec();
        assertThat(IpclabCommandOptions.SUPPORTED).isTrue();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            boolean standard = o.usageHelp() || o.versionHelp();
            for (String name : o.names()) {
                int kind = IpclabCommandOptions.kind(name);
                if (standard) {
                    assertThat(kind).as(name).isEqualTo(IpclabCommandOptions.UNKNOWN);
                } else if (o.arity().max() == 0) {
                    assertThat(kind).as(name).isEqualTo(IpclabCommandOptions.FLAG);
                } else {
                    // DEFER: a type the generated parser leaves to picocli (a command line using it goes there)
                    assertThat(kind).as(name).isIn(IpclabCommandOptions.VALUE, IpclabCommandOptions.DEFER);
                }
            }
        }
        assertThat(IpclabCommandOptions.POSITIONALS).isEqualTo(spec.positionalParameters().size());
        assertThat(IpclabCommandOptions.kind("--no-such-option")).isEqualTo(IpclabCommandOptions.UNKNOWN);
    }

    /**
     * The fast path and picocli's print the same and exit alike: help, version, usage errors and
     * plain runs (numbers masked in -v, since two runs measure two bandwidths).
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "--help", "-h", "--version", "-V", "", "-B -q -t 1m 2thread", "-B -q -t 1m -i local 1thread",
        "-Bq -t 256k -b 4k 2thread", "-B -q -t 1m -i fifo 2thread", "-B -q -t 1m -i tcp -p 0 -s 2thread",
        "-B -v -t 1m 2thread", "-B -t 1m -b 64k 1thread",
        "-b 4k pipe", "--buffer 4k 2thread", "2thread sweep", "-n 0 2thread", "-b 3 -t 1m 2thread",
        "-s 2thread", "-b -4 2thread", "-v -v 2thread", "-x 2thread", "-i pipes 2thread", "-B", "2thread 2proc",
        "--pipe-size 4k -i local 2thread", "--cpus 99 2thread", "-b 2g 2thread",
    })
    void fastPathAndPicocliPrintTheSame(String line) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split(" ");
        String[] fast = runs(args, true);
        String[] slow = runs(args, false);
        assertThat(fast).as("'%s': exit code, stdout, stderr", line).containsExactly(slow);
    }

    private static String[] runs(String[] args, boolean quick) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), quick);
        return new String[] {String.valueOf(code), mask(out.toString()), mask(err.toString())};
    }

    private static String mask(String text) {
        return text.replaceAll("[0-9]+(\\.[0-9]+)?", "N");
    }

    /** The root's --help is served from a resource: it must be what picocli renders. */
    @Test
    void helpResourceIsPicocliRendering() throws Exception {
        String rendered = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getUsageMessage();
        String kept = QuickRun.help();
        if (!rendered.equals(kept)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/root-help.txt"), QuickRun.keyLine() + "\n" + rendered);
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
