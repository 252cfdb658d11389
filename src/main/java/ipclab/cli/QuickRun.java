package ipclab.cli;

import ipclab.model.BenchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
            for (String line : IpclabCommand.versionLines()) {
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
        IpclabCommand command = args.length == 0 ? null : parse(args);
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
     * The kept help, or null when there is none or it was rendered for other annotations or
     * another list of mechanisms (its first line, {@link #keyLine}): a new option or mechanism
     * then gets picocli's rendering, right if slower, until the resource is rendered again.
     */
    static String help() {
        String kept = keptHelp();
        int eol = kept == null ? -1 : kept.indexOf('\n');
        return eol > 0 && kept.substring(0, eol).equals(keyLine()) ? kept.substring(eol + 1) : null;
    }

    /**
     * The first line of the resource for this build: the digest of the root's annotations and the
     * registry's mechanisms (which the help quotes through system properties).
     */
    static String keyLine() {
        return "#options=" + IpclabCommandOptions.FINGERPRINT + " mechanisms="
                + String.join(",", ipclab.ipc.Mechanisms.names());
    }

    static String keptHelp() {
        try (InputStream in = QuickRun.class.getResourceAsStream(HELP_RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The root command with the options of {@code args} set, or null if this parser does not take
     * them. Which words are options, which take a value and how each value reaches its field come
     * from {@link IpclabCommandOptions}, generated from the command's own annotations at build
     * time; the grammar is the subset of picocli's that ipclab's help shows: clustered flags
     * ({@code -Bqv}), a short option's value attached or next ({@code -b4k}, {@code -b 4k}), a
     * long option's after {@code =} or next, each option at most once.
     */
    static IpclabCommand parse(String[] args) {
        if (!IpclabCommandOptions.SUPPORTED) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        int positionals = 0;
        try {
            IpclabCommand c = IpclabCommandOptions.create();
            for (int i = 0; i < args.length; i++) {
                String t = args[i];
                if (t.startsWith("@")) {
                    return null; // an argument file: picocli expands it
                }
                if (t.startsWith("--")) {
                    int eq = t.indexOf('=');
                    String name = eq < 0 ? t : t.substring(0, eq);
                    int kind = IpclabCommandOptions.kind(name);
                    if (!seen.add(name) || kind == IpclabCommandOptions.UNKNOWN || kind == IpclabCommandOptions.DEFER
                            || kind == IpclabCommandOptions.FLAG && eq >= 0) {
                        return null;
                    }
                    String value = kind == IpclabCommandOptions.FLAG ? null : eq >= 0 ? t.substring(eq + 1) : args[++i];
                    if (eq < 0 && value != null && value.startsWith("-")) {
                        return null; // picocli takes a known option there for a missing value
                    }
                    IpclabCommandOptions.set(c, name, value);
                } else if (t.startsWith("-") && t.length() > 1) {
                    for (int j = 1; j < t.length(); j++) {
                        String name = "-" + t.charAt(j);
                        int kind = IpclabCommandOptions.kind(name);
                        if (!seen.add(name) || kind == IpclabCommandOptions.UNKNOWN
                                || kind == IpclabCommandOptions.DEFER) {
                            return null;
                        }
                        if (kind == IpclabCommandOptions.FLAG) {
                            IpclabCommandOptions.set(c, name, null);
                            continue;
                        }
                        String value = j + 1 < t.length() ? t.substring(j + 1) : args[++i];
                        if (j + 1 < t.length() && value.startsWith("=")) {
                            value = value.substring(1);
                        } else if (j + 1 == t.length() && value.startsWith("-")) {
                            return null; // picocli takes a known option there for a missing value
                        }
                        IpclabCommandOptions.set(c, name, value);
                        break;
                    }
                } else {
                    if (positionals >= IpclabCommandOptions.POSITIONALS) {
                        return null;
                    }
                    IpclabCommandOptions.setPositional(c, positionals++, t);
                }
            }
            return c;
        } catch (Exception e) {
            // Not ours to judge: a value that does not convert, a missing value: picocli says which.
            return null;
        }
    }
}
