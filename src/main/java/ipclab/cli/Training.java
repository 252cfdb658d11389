package ipclab.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The AOT caches' training runs (bin/ipclab makes both caches with them after each build): the
 * command lines people start most, in one JVM per cache, so that the classes each loads and
 * links are in the cache. Prints nothing; a command line that fails here only trains less.
 *
 * <p>Two caches, because a JVM started with an AOT cache loads and links every class in it before
 * {@code main}: the classes of sweeps, reports and JSON (Jackson, the statistics library, XChart)
 * cost a plain run about 40 ms of start-up that it never used. {@link #RUNS} trains the cache of
 * the root's command lines (a mode, --help, --version), {@link #COMMANDS} the other one;
 * bin/ipclab picks by the first word.
 */
public final class Training {
    /** The root's command lines: a run of every mode and mechanism, the help, the version. */
    static final List<List<String>> RUNS = runs();

    /** The subcommands' and the rarer root lines' (-j, a usage error). */
    static final List<List<String>> COMMANDS = List.of(
            List.of("describe"),
            List.of("sweep", "--help"),
            List.of("-B", "-j", "-t", "1m", "2thread"),
            List.of("-b", "4k", ipclab.model.Defaults.IPC_TYPE.name()), // a usage error: a mechanism for a mode
            List.of("latency", "-B", "-q", "--rounds", "1000", "2thread"),
            List.of("latency", "-B", "-v", "--rounds", "1000", "2proc"));

    private static List<List<String>> runs() {
        List<List<String>> lines = new java.util.ArrayList<>(List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("-B", "-q", "-t", "1m", "1thread"),
            List.of("-B", "-q", "-t", "1m", "2thread"),
            List.of("-B", "-v", "-t", "1m", "2proc")));
        // A bare run of every other mechanism, so that its set-up is in the cache too.
        for (var m : ipclab.ipc.Mechanisms.all()) {
            if (m != ipclab.model.Defaults.IPC_TYPE) {
                lines.add(List.of("-B", "-q", "-b", "4k", "-t", "1m", "-p", "0", "-i", m.name(), "2thread"));
            }
        }
        return List.copyOf(lines);
    }

    private Training() {}

    /** Trains the cache named {@code which}: {@code runs} or {@code commands}. */
    public static void main(String which) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        for (List<String> line : which.equals("commands") ? COMMANDS : RUNS) {
            Cli.run(line.toArray(String[]::new), nowhere, nowhere);
        }
    }
}
