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
    static final List<List<String>> COMMAND_LINES = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("describe"),
            List.of("sweep", "--help"),
            List.of("-B", "-q", "-t", "1m", "1thread"),
            List.of("-B", "-q", "-t", "1m", "2thread"),
            List.of("-B", "-q", "-t", "1m", "-i", "local", "2thread"),
            List.of("-B", "-v", "-t", "1m", "2proc"),
            List.of("-B", "-j", "-t", "1m", "2thread"),
            List.of("-b", "4k", "pipe"));

    private Training() {}

    public static void main(String[] args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        for (List<String> line : COMMAND_LINES) {
            Cli.run(line.toArray(String[]::new), nowhere, nowhere);
        }
    }
}
