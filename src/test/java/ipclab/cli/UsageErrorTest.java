package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A usage error is at most three lines: the message, one line of usage, where the help is. */
class UsageErrorTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "-b 4k pipe                | unknown mode 'pipe': use 1thread, 2thread, 2proc (did you mean -i pipe?)",
        "2thred                    | (did you mean 2thread?)",
        "--buffer 4k 2thread       | unknown option --buffer (did you mean -b?)",
        "--total 1m 2thread        | unknown option --total (did you mean -t?)",
        "--port 0 -i tcp 2thread   | unknown option --port (did you mean -p?)",
        "--pipesize 1m 2thread     | unknown option --pipesize (did you mean --pipe-size?)",
        "-i pipes 2thread          | -i: unknown mechanism 'pipes': use pipe, local, tcp, udp, fifo, local-seqpacket, local-dgram, eventfd, mq, splice, shm, nio-pipe, nio-local, nio-tcp (did you mean pipe?)",
        "2thread sweep             | 'sweep' is a command and '2thread' a mode: a command comes first",
        "-B 2proc describe         | 'describe' is a command and '2proc' a mode",
        "sweep --buffer 4k         | unknown option --buffer (did you mean --buffers?)",
        "sweep --trails 3          | unknown option --trails (did you mean --trials?)",
        "report                    | Missing required parameter",
        "compare a                 | Missing required parameter: 'B'",
        "trace -x 2thread          | unknown option -x",
        "''                        | Missing required parameter: 'mode'",
        "-n 0 2thread              | -n must be 1..100000, not 0",
    })
    void messageUsageAndPointer(String line, String message) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split("\\s+");
        CliRunner r = CliRunner.run(args);
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        var lines = r.err().lines().toList();
        assertThat(lines).as(r.err()).hasSize(3);
        assertThat(lines.get(0)).startsWith("ipclab: ").contains(message);
        assertThat(lines.get(1)).startsWith("Usage: ipclab");
        assertThat(lines.get(2)).matches("see 'ipclab( [a-z-]+)? --help'");
    }

    @Test
    void aSubcommandErrorPointsAtItsOwnHelp() {
        CliRunner r = CliRunner.run("sweep", "--trials", "x");
        assertThat(r.err().lines().toList()).containsExactly(
                "ipclab: --trials: 'x' is not an int", "Usage: ipclab sweep [options]", "see 'ipclab sweep --help'");
    }

    @Test
    void rootSynopsisNamesEveryOption() {
        CommandLine cl = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        String synopsis = String.join("\n", cl.getCommandSpec().usageMessage().customSynopsis());
        StringBuilder clusters = new StringBuilder();
        Matcher m = Pattern.compile("\\[-([A-Za-z]+)\\]").matcher(synopsis);
        while (m.find()) {
            clusters.append(m.group(1));
        }
        for (OptionSpec o : cl.getCommandSpec().options()) {
            boolean named = false;
            for (String n : o.names()) {
                named |= Pattern.compile("(^|[\\[ |])" + Pattern.quote(n) + "([\\] |]|$)", Pattern.MULTILINE)
                        .matcher(synopsis).find() || n.length() == 2 && clusters.indexOf(n.substring(1)) >= 0;
            }
            assertThat(named).as("%s in the synopsis:%n%s", String.join("/", o.names()), synopsis).isTrue();
        }
    }

    @Test
    void rootHelpListsModesAndCommandsApart() {
        String help = CliRunner.run("--help").out();
        String modes = help.substring(help.indexOf("modes ("), help.indexOf("commands:"));
        String commands = help.substring(help.indexOf("commands:"));
        for (var mode : ipclab.ipc.Mode.values()) {
            assertThat(modes).contains("  " + mode.label() + " ");
            assertThat(commands).doesNotContain("  " + mode.label() + " ");
        }
        for (String command : Cli.COMMANDS) {
            assertThat(commands).contains("\n  " + command + " ");
            assertThat(modes).doesNotContain(command);
        }
        assertThat(help).doesNotContain("Commands:");
    }
}
