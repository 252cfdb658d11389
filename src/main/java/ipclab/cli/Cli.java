package ipclab.cli;

import ipclab.sys.Errno;
import ipclab.sys.SysException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds the command line and its error handling: a usage error prints one line, one line of
 * usage and where the help is, on stderr (64); a failure prints one line (its code from
 * {@link ExitCodes}); never a stack trace unless IPCLAB_DEBUG is set.
 *
 * <p>Only the command that was named is built: the root alone for a run, the root and one
 * subcommand otherwise. picocli builds a command's model by reflection when it is added, and its
 * classes (Java 5 bytecode) cannot be held in the AOT cache, so building all of them was most of
 * a run's start-up.
 *
 * <p>The root's mode is optional to picocli (and required by the root itself), so that a
 * subcommand named first runs without one.
 */
public final class Cli {
    /** The subcommands, in the order the root's help lists them. */
    static final List<String> COMMANDS = List.of("latency", "describe", "check", "sweep", "report", "compare", "trace",
            "probe-effect", "lab", "parity");

    /** A new instance of the subcommand {@code name}, one of {@link #COMMANDS}. */
    static Object newCommand(String name) {
        return switch (name) {
            case "latency" -> new LatencyCommand();
            case "describe" -> new DescribeCommand();
            case "check" -> new CheckCommand();
            case "sweep" -> new SweepCommand();
            case "report" -> new ReportCommand();
            case "compare" -> new CompareCommand();
            case "trace" -> new TraceCommand();
            case "probe-effect" -> new ProbeEffectCommand();
            case "lab" -> new LabCommand();
            case "parity" -> new ParityCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Cli() {}

    /** The whole command line, every subcommand built (for tests and help checks). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        HelpText.publishMechanisms();
        CommandLine cl = new CommandLine(new IpclabCommand());
        COMMANDS.forEach(name -> cl.addSubcommand(name, newCommand(name)));
        return configure(cl, out, err);
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        withSettings(cl);
        AsciiNumbers.register(cl);
        cl.setOut(out);
        cl.setErr(err);
        // The root's footer lists the commands with the modes; picocli's own list would repeat them.
        cl.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        cl.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
        cl.setParameterExceptionHandler((e, args) -> usageError(e.getCommandLine(), e.getMessage()));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, benchOptions(commandLine),
                commandLine.getErr()));
        return cl;
    }

    /** The mechanisms' settings as options of every command that runs the benchmark ({@link SettingOptions}). */
    private static void withSettings(CommandLine cl) {
        if (cl.getCommand() instanceof LatencyCommand || benchOptions(cl) != null) {
            SettingOptions.addTo(cl.getCommandSpec());
        } else if (cl.getCommand() instanceof SweepCommand) {
            SettingOptions.addListsTo(cl.getCommandSpec()); // lists of levels, plan keys
        }
        cl.getSubcommands().values().forEach(Cli::withSettings);
    }

    /** The one-line message, one line of usage, and where the full help is: at most three lines. */
    static int usageError(CommandLine cl, String message) {
        PrintWriter w = cl.getErr();
        // picocli's preamble to a converter's words says where, which the words already say.
        message = message.replaceFirst("^Invalid value for positional parameter at index \\d+ \\([^)]*\\): ", "")
                .replaceFirst("^Invalid value for option '([^']*)': ", "$1: ");
        w.println("ipclab: " + Escapes.oneLine(message));
        w.println("Usage: " + usageLine(cl.getCommandSpec()));
        w.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        w.flush();
        return ExitCodes.USAGE;
    }

    /** The first line of a command's synopsis: the root's own, "ipclab sweep [options]" for the others. */
    static String usageLine(CommandSpec spec) {
        String[] custom = spec.usageMessage().customSynopsis();
        if (custom.length > 0) {
            return custom[0];
        }
        StringBuilder line = new StringBuilder(spec.qualifiedName()).append(" [options]");
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String label = p.paramLabel().replaceAll("^<|>$", "");
            boolean optional = p.arity().min() == 0;
            line.append(' ').append(optional ? "[" : "").append(label).append(p.arity().max() > 1 ? "..." : "")
                    .append(optional ? "]" : "");
        }
        return line.toString();
    }

    /** Ends an internal error's line: a bug's report is worth most with where it happened. */
    static final String DEBUG_HINT = " (a bug in ipclab: IPCLAB_DEBUG=1 adds where it happened)";

    /** A failure's one line on {@code err}, and its exit status; {@code bench} the run's options, or null. */
    static int failure(Exception e, BenchOptions bench, PrintWriter err) {
        int code = ExitCodes.of(e);
        err.println("ipclab: " + Escapes.oneLine(code == ExitCodes.SOFTWARE ? "internal error: " + e + DEBUG_HINT
                : message(e, bench)));
        if (System.getenv("IPCLAB_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static BenchOptions benchOptions(CommandLine cl) {
        for (Object mixin : cl.getMixins().values()) {
            if (mixin instanceof BenchOptions bench) {
                return bench;
            }
        }
        return null;
    }

    /** A TCP port in use names the port and the way out. */
    private static String message(Exception e, BenchOptions bench) {
        if (e instanceof SysException s && s.call().equals("bind") && Errno.name(s.errno()).equals("EADDRINUSE")
                && bench != null && bench.tcpPort != 0) {
            return "port " + bench.tcpPort + " is in use: pick another with -p, or -p 0 for any free port ("
                    + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, true);
    }

    /**
     * How a command line ended: its status, and whether the JVM may halt at once. True when
     * {@link QuickRun} served it (a run of the root, --help, --version) without a flight
     * recorder: those register no shutdown hook (the tracers and the sweep do) and leave no
     * thread running, so exit's shutdown sequence has nothing to do. (JFR's own hook deletes its
     * repository in /tmp, so a --jfr run, or a JVM started with a recording, exits.)
     */
    public record Ending(int status, boolean halts) {}

    /** Runs the command line for {@code Main}. */
    public static Ending runToEnd(String[] args, PrintWriter out, PrintWriter err) {
        boolean[] quick = new boolean[1];
        int status = run(args, out, err, true, quick);
        return new Ending(status, quick[0] && !jdk.jfr.FlightRecorder.isInitialized());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}; {@code quick} false: always through picocli (for tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean quick) {
        return run(args, out, err, quick, new boolean[1]);
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, boolean quick, boolean[] servedQuick) {
        String tooFewFiles = OpenFilesCheck.problem();
        if (tooFewFiles != null) {
            err.println("ipclab: " + tooFewFiles);
            err.flush();
            return ExitCodes.OS_ERROR;
        }
        try {
            Integer status = quick ? QuickRun.tryRun(args, out, err) : null;
            if (status != null) {
                servedQuick[0] = true;
                return status;
            }
            HelpText.publishMechanisms(); // before picocli reads any command's annotations
            CommandLine root = new CommandLine(new IpclabCommand());
            withSettings(root); // before the scan, which knows only the options of the model
            ArgScan scan = ArgScan.of(root.getCommandSpec(), args, 0, java.util.Set.copyOf(COMMANDS));
            CommandLine named = root;
            if (scan.error() == null && scan.commandIndex() >= 0) {
                String name = args[scan.commandIndex()];
                named = new CommandLine(newCommand(name));
                withSettings(named);
                root.addSubcommand(name, named);
                scan = ArgScan.of(named.getCommandSpec(), args, scan.commandIndex() + 1, java.util.Set.of());
            }
            configure(root, out, err);
            if (scan.error() != null) {
                return usageError(named, scan.error());
            }
            return root.execute(args);
        } catch (Throwable t) {
            // An Error (a class that failed to initialise, say libc binding with no descriptors
            // left) gets past picocli's handlers: still one line, never a trace.
            Throwable cause = t;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("ipclab: internal error: " + Escapes.oneLine(t.getClass().getSimpleName()
                    + (cause != t ? " (" + cause.getMessage() + ")" : ": " + t.getMessage())) + DEBUG_HINT);
            if (System.getenv("IPCLAB_DEBUG") != null) {
                t.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.SOFTWARE;
        }
    }
}
