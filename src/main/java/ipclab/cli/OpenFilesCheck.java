package ipclab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The descriptor limit, checked before anything else: below it a run fails somewhere deep and
 * misleading (a libc symbol "not found", a time-zone file unreadable, a tracer "needing root"),
 * so ipclab says at once what is wrong. The JVM alone holds about 30 descriptors (its jars,
 * modules, the AOT cache); a run, a sweep with its 2proc child and an HTML report all worked at
 * 40 on Linux 6.18 and Temurin 25, and a run failed at 32, a sweep at 36. The floor keeps a
 * margin over that.
 */
final class OpenFilesCheck {
    /** The least RLIMIT_NOFILE (soft) that ipclab accepts. */
    static final long MIN_OPEN_FILES = 64;
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private OpenFilesCheck() {}

    /** Why ipclab cannot run with this process's descriptor limit, or null if it can. */
    static String problem() {
        String text;
        try (InputStream in = Files.newInputStream(LIMITS)) {
            text = new String(in.readNBytes(64 * 1024), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // Every descriptor allowed is in use (the limit may still be high): the first call
            // that needs one fails and names itself, as pipe2: Too many open files (EMFILE).
            return null;
        }
        OptionalLong soft = softLimit(text);
        if (soft.isPresent() && soft.getAsLong() < MIN_OPEN_FILES) {
            return problem(soft.getAsLong());
        }
        return null;
    }

    static String problem(long limit) {
        return "needs at least " + MIN_OPEN_FILES + " open files, the limit is " + limit
                + " (RLIMIT_NOFILE; raise it with ulimit -n " + MIN_OPEN_FILES + " or more)";
    }

    /** The soft limit of "Max open files" in /proc/PID/limits text; empty if absent or unlimited. */
    static OptionalLong softLimit(String limits) {
        // By hand, not with a regular expression: every run reads this before anything else,
        // and compiling a pattern in the interpreter costs a run about a millisecond.
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String rest = line.substring("Max open files".length()).strip();
                int end = 0;
                while (end < rest.length() && rest.charAt(end) >= '0' && rest.charAt(end) <= '9') {
                    end++;
                }
                boolean whole = end == rest.length() || Character.isWhitespace(rest.charAt(end));
                if (end > 0 && end <= 18 && whole) {
                    return OptionalLong.of(Long.parseLong(rest.substring(0, end)));
                }
            }
        }
        return OptionalLong.empty();
    }
}
