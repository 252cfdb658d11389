package ipclab.cli;

import ipclab.model.BenchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The common command lines without picocli: a well-formed benchmark run, {@code --help} and
 * {@code --version} of the root. picocli's classes are Java 5 bytecode, which the AOT cache
 * cannot hold, so the JVM loads, verifies and interprets them afresh at every start; building
 * even the root command's model cost more than the rest of a run's start-up.
 *
 * <p>Only the happy path is taken here. Anything this parser does not accept as it stands (an
 * unknown word, a repeated option, a value that does not convert, a bad combination) goes to
 * picocli instead, which then reports it in its own words: so the two can only differ in speed,
 * and {@code QuickRunTest} checks that they read the same command lines alike. The root's help
 * is picocli's own text, kept as a resource that a test compares with picocli's rendering.
 */
final class QuickRun {
    /** The root's --help, as picocli renders it (checked by a test). */
    static final String HELP_RESOURCE = "root-help.txt";

    private QuickRun() {}

    /** The exit status, or null when the command line is not one this class takes. */
    static Integer tryRun(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            String help = help();
            if (help == null) {
                return null;
            }
            out.print(help);
            out.flush();
            return ExitCodes.OK;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
        IpclabCommand command = parse(args);
        if (command == null) {
            return null;
        }
        BenchConfig config;
        try {
            config = command.validated();
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return command.run(config, out, err);
        } catch (Exception e) {
            return Cli.failure(e, command.bench, err);
        }
    }

    /**
     * The kept help, or null when there is none or it was rendered for another list of
     * mechanisms (its first line, {@code #mechanisms=...}): a new mechanism then gets picocli's
     * rendering, right if slower, until the resource is rendered again.
     */
    static String help() {
        String kept = keptHelp();
        if (kept == null || !kept.startsWith(MECHANISMS_LINE)) {
            return null;
        }
        int eol = kept.indexOf('\n');
        return kept.substring(0, eol).equals(mechanismsLine()) ? kept.substring(eol + 1) : null;
    }

    private static final String MECHANISMS_LINE = "#mechanisms=";

    /** The first line of the resource for this build's registry. */
    static String mechanismsLine() {
        return MECHANISMS_LINE + String.join(",", ipclab.ipc.Mechanisms.names());
    }

    static String keptHelp() {
        try (InputStream in = QuickRun.class.getResourceAsStream(HELP_RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The root command with the options of {@code args} set, or null if this parser does not take them. */
    static IpclabCommand parse(String[] args) {
        IpclabCommand c = new IpclabCommand();
        c.bench = new BenchOptions();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String t = args[i];
                if (t.startsWith("--")) {
                    int eq = t.indexOf('=');
                    String name = eq < 0 ? t : t.substring(0, eq);
                    if (!seen.add(name)) {
                        return null;
                    }
                    boolean flag = switch (name) {
                        case "--jfr-calls", "--shared-fd-table" -> true;
                        case "--pipe-size", "--cpus", "--jfr" -> false;
                        default -> throw new IllegalArgumentException(name);
                    };
                    if (flag) {
                        if (eq >= 0) {
                            return null;
                        }
                        if (name.equals("--jfr-calls")) {
                            c.jfrCalls = true;
                        } else {
                            c.bench.sharedFdTable = true;
                        }
                        continue;
                    }
                    String value = eq >= 0 ? t.substring(eq + 1) : args[++i];
                    if (eq < 0 && value.startsWith("-")) {
                        return null; // picocli takes a known option there for a missing value
                    }
                    switch (name) {
                        case "--pipe-size" -> c.bench.pipeSizeBytes = SizeConverter.parse(value);
                        case "--cpus" -> c.bench.cpus = value;
                        default -> c.jfrFile = Path.of(value);
                    }
                } else if (t.startsWith("-") && t.length() > 1) {
                    for (int j = 1; j < t.length(); j++) {
                        char o = t.charAt(j);
                        if (!seen.add("-" + o)) {
                            return null;
                        }
                        if ("Bqsvgj".indexOf(o) >= 0) {
                            switch (o) {
                                case 'B' -> c.bench.bare = true;
                                case 'q' -> c.quiet = true;
                                case 's' -> c.bench.socketBuffers = true;
                                case 'v' -> c.verbose = true;
                                case 'g' -> c.bench.usage = true;
                                default -> c.json = true;
                            }
                            continue;
                        }
                        if ("btipn".indexOf(o) < 0) {
                            return null;
                        }
                        String value = j + 1 < t.length() ? t.substring(j + 1) : args[++i];
                        if (j + 1 < t.length() && value.startsWith("=")) {
                            value = value.substring(1);
                        } else if (j + 1 == t.length() && value.startsWith("-")) {
                            return null; // picocli takes a known option there for a missing value
                        }
                        switch (o) {
                            case 'b' -> c.bench.bufferSizeBytes = SizeConverter.parse(value);
                            case 't' -> c.bench.totalSizeBytes = SizeConverter.parse(value);
                            case 'i' -> c.bench.mechanism = new ModeConverter.IpcTypes().convert(value);
                            case 'p' -> c.bench.tcpPort = AsciiNumbers.toInt(value);
                            default -> c.iterations = AsciiNumbers.toInt(value);
                        }
                        break;
                    }
                } else {
                    if (c.mode != null) {
                        return null;
                    }
                    c.mode = new ModeConverter.Modes().convert(t);
                }
            }
        } catch (RuntimeException e) {
            // Not ours to judge: an unknown word, a value that does not convert, a missing value.
            return null;
        }
        return c.mode == null ? null : c;
    }
}
