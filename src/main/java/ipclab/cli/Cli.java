package ipclab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Builds the command line and its error handling: a usage error prints one line and the usage
 * on stderr (64); a failure prints one line (its code from {@link ExitCodes}); never a stack
 * trace unless IPCLAB_DEBUG is set.
 */
public final class Cli {
    private Cli() {}

    /** Subcommands by name; each is listed in the root's help and run on its own (see {@link #run}). */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("trace", TraceCommand::new);
        SUBCOMMANDS.put("probe-effect", ProbeEffectCommand::new);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new IpclabCommand());
        SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        return configure(cl, out, err);
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("ipclab: " + e.getMessage());
            e.getCommandLine().usage(w);
            w.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            int code = ExitCodes.of(e);
            w.println("ipclab: " + (code == ExitCodes.SOFTWARE ? "internal error: " + e : e.getMessage()));
            if (System.getenv("IPCLAB_DEBUG") != null) {
                e.printStackTrace(w);
            }
            w.flush();
            return code;
        });
        return cl;
    }

    /**
     * Runs the command line; returns the exit status. A first argument naming a subcommand runs
     * that subcommand, alone, on the rest: the root's mode positional is required, and picocli
     * would otherwise ask for it before looking at a subcommand.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Supplier<Object> sub = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (sub != null) {
            CommandLine cl = configure(new CommandLine(sub.get()), out, err);
            cl.setCommandName("ipclab " + args[0]);
            return cl.execute(Arrays.copyOfRange(args, 1, args.length));
        }
        return commandLine(out, err).execute(args);
    }
}
