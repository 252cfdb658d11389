package ipclab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scheduler's per-thread statistics file, {@code /proc/<pid>/task/<tid>/sched} (present when
 * the kernel has CONFIG_SCHED_DEBUG): here only {@code se.nr_migrations}, the thread's moves
 * between CPUs. The parser is pure; the reader says -1 when the file cannot be read.
 */
public final class ProcSched {
    private ProcSched() {}

    /** Migrations of the calling thread so far, or -1 where the kernel does not show them. */
    public static long migrationsOfThisThread() {
        try {
            try (InputStream in = Files.newInputStream(Path.of("/proc/thread-self/sched"))) {
                return migrations(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code se.nr_migrations} in the text of a sched file, or -1 when absent. */
    public static long migrations(String schedText) {
        return field(schedText, "se.nr_migrations");
    }

    /** The integer value of {@code name : value} in a sched file, or -1 when absent or not an integer. */
    static long field(String schedText, String name) {
        for (String line : schedText.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                try {
                    return Long.parseLong(line.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
