package ipclab.cli;

import ipclab.ipc.Mechanisms;

import ipclab.ipc.Mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad command lines: one line saying what is wrong, then the usage, exit 64, no stack trace. */
class CliUsageTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "fourthread                    | unknown mode 'fourthread'",
        "-i nosuch 2thread             | unknown mechanism 'nosuch': use pipe, local",
        "-b 0 2thread                  | buffersize must be positive",
        "-b -4 2thread                 | '-4' is not a size",
        "-b 99999999999999999999 2thread | too large",
        "-b 2g 2thread                 | larger than the maximum",
        "-t 0 2thread                  | totalsize must be positive",
        "-t 1000 -b 3 2thread          | not a multiple of buffersize",
        "-b 4k -t 6k 2thread           | not a multiple of buffersize",
        "-s 2thread                    | -s sets socket buffer sizes",
        "-i local --pipe-size 64k 2thread | --pipe-size sets a pipe's capacity",
        "-i tcp -p 70000 2thread       | tcp port must be",
        "-p abc 2thread                | abc",
        "''                            | Missing required parameter",
        "2thread extra                 | Unmatched argument",
        "-x 2thread                    | unknown option -x",
        "-b                            | Missing required parameter for option '-b'",
    })
    void badInputIsOneLineThenUsage(String args, String expected) {
        String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
        Result r = run(argv);
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out).isEmpty();
        String firstLine = r.err.lines().findFirst().orElseThrow();
        assertThat(firstLine).startsWith("ipclab: ").contains(expected);
        assertThat(r.err).contains("Usage: ipclab [-Bqsv] [-b buffersize] [-i " + String.join("|", ipclab.ipc.Mechanisms.names()) + "] [-p tcp_port] "
                + "[-t totalsize] mode");
        assertThat(r.err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noSubcommandIsAlsoAModeOrIpcWord() {
        var words = new java.util.HashSet<String>();
        for (var m : ipclab.ipc.Mode.values()) {
            words.add(m.label());
        }
        for (var t : ipclab.ipc.Mechanisms.all()) {
            words.add(t.name());
        }
        var subcommands = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().keySet();
        assertThat(subcommands).doesNotContainAnyElementsOf(words);
    }

    @Test
    void helpAndVersionSucceed() {
        Result help = run("--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("2proc").contains("-b=buffersize").contains("131072");
        Result version = run("--version");
        assertThat(version.code).isZero();
        assertThat(version.out).startsWith("ipclab ").contains("Java 25");
    }

    /** picocli formats descriptions with String.format: a bare '%' makes it warn on stderr at every usage. */
    @Test
    void everyUsageFormatsWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        String help;
        try {
            var cl = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            StringBuilder all = new StringBuilder(cl.getUsageMessage());
            cl.getSubcommands().values().forEach(sub -> all.append(sub.getUsageMessage()));
            help = all.toString();
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(help).contains("95% confidence interval").doesNotContain("%%");
    }
}
