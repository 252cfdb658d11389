package ipclab.cli;

import picocli.CommandLine;

/**
 * picocli's exceptions, made here and typed as RuntimeException where they are thrown. A class
 * that throws one of picocli's exceptions itself makes the JVM load it when it links that class,
 * to verify the throw; picocli's classes are not in the AOT cache (Java 5 bytecode), so a plain
 * run, which needs no picocli at all, opened picocli's jar and loaded three of its classes.
 * The JVM links every class of its cache at start, this one too: each exception goes through
 * Object and a cast, so that verifying this class does not need picocli's either (a value
 * returned as RuntimeException is checked against it; one stored as Object is not).
 */
final class PicocliErrors {
    private PicocliErrors() {}

    /** A usage error of {@code commandLine}, as picocli reports it. */
    static RuntimeException usage(CommandLine commandLine, String message) {
        Object e = new CommandLine.ParameterException(commandLine, message);
        return (RuntimeException) e;
    }

    /** As {@link #usage(CommandLine, String)}, with its cause. */
    static RuntimeException usage(CommandLine commandLine, String message, Throwable cause) {
        Object e = new CommandLine.ParameterException(commandLine, message, cause);
        return (RuntimeException) e;
    }

    /** A converter's refusal of its text. */
    static RuntimeException conversion(String message) {
        Object e = new CommandLine.TypeConversionException(message);
        return (RuntimeException) e;
    }
}
