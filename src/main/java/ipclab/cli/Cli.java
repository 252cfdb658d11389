package ipclab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the command line and its error handling: a usage error prints one line and the usage
 * on stderr (64); a failure prints one line (its code from {@link ExitCodes}); never a stack
 * trace unless IPCLAB_DEBUG is set.
 *
 * <p>The root's mode is optional to picocli (and required by the root itself), so that a
 * subcommand named first runs without one.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        HelpText.publishMechanisms();
        CommandLine cl = new CommandLine(new IpclabCommand());
        cl.addSubcommand(new DescribeCommand());
        cl.addSubcommand("sweep", new SweepCommand());
        cl.addSubcommand("report", new ReportCommand());
        cl.addSubcommand("compare", new CompareCommand());
        cl.addSubcommand("trace", new TraceCommand());
        cl.addSubcommand("probe-effect", new ProbeEffectCommand());
        AsciiNumbers.register(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("ipclab: " + Escapes.oneLine(e.getMessage()));
            e.getCommandLine().usage(w);
            w.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            int code = ExitCodes.of(e);
            w.println("ipclab: " + Escapes.oneLine(code == ExitCodes.SOFTWARE ? "internal error: " + e
                    : e.getMessage()));
            if (System.getenv("IPCLAB_DEBUG") != null) {
                e.printStackTrace(w);
            }
            w.flush();
            return code;
        });
        return cl;
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String tooFewFiles = OpenFilesCheck.problem();
        if (tooFewFiles != null) {
            err.println("ipclab: " + tooFewFiles);
            err.flush();
            return ExitCodes.OS_ERROR;
        }
        try {
            return commandLine(out, err).execute(args);
        } catch (Throwable t) {
            // An Error (a class that failed to initialise, say libc binding with no descriptors
            // left) gets past picocli's handlers: still one line, never a trace.
            Throwable cause = t;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("ipclab: internal error: " + Escapes.oneLine(t.getClass().getSimpleName()
                    + (cause != t ? " (" + cause.getMessage() + ")" : ": " + t.getMessage())));
            err.flush();
            return ExitCodes.SOFTWARE;
        }
    }
}
