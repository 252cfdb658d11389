package ipclab.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The AOT cache's training run (bin/ipclab makes the cache with it after each build): the
 * command lines people start most, in one JVM, so that the classes each loads and links are in
 * the cache. Prints nothing; a command line that fails here only trains less.
 */
public final class Training {
    static final List<List<String>> COMMAND_LINES = commandLines();

    private static List<List<String>> commandLines() {
        List<List<String>> lines = new java.util.ArrayList<>(List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("describe"),
            List.of("sweep", "--help"),
            List.of("-B", "-q", "-t", "1m", "1thread"),
            List.of("-B", "-q", "-t", "1m", "2thread"),
            List.of("-B", "-v", "-t", "1m", "2proc"),
            List.of("-B", "-j", "-t", "1m", "2thread"),
            List.of("-b", "4k", ipclab.model.Defaults.IPC_TYPE.name()), // a usage error: a mechanism for a mode
            List.of("latency", "-B", "-q", "--rounds", "1000", "2thread"),
            List.of("latency", "-B", "-v", "--rounds", "1000", "2proc")));
        // A bare run of every other mechanism, so that its set-up is in the cache too.
        for (var m : ipclab.ipc.Mechanisms.all()) {
            if (m != ipclab.model.Defaults.IPC_TYPE) {
                lines.add(List.of("-B", "-q", "-b", "4k", "-t", "1m", "-p", "0", "-i", m.name(), "2thread"));
            }
        }
        return List.copyOf(lines);
    }

    private Training() {}

    public static void main(String[] args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        for (List<String> line : COMMAND_LINES) {
            Cli.run(line.toArray(String[]::new), nowhere, nowhere);
        }
    }
}
