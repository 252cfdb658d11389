package ipclab.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The scheduler's per-thread statistics file, {@code /proc/<pid>/task/<tid>/sched} (present when
 * the kernel has CONFIG_SCHED_DEBUG): {@code se.nr_migrations}, the thread's moves between CPUs.
 * (Its {@code se.sum_exec_runtime} leaves out the slice the reading thread is running; the CPU
 * time comes from CLOCK_THREAD_CPUTIME_ID instead.) The parser is pure; the reader says -1 for
 * what it cannot read.
 */
public final class ProcSched {
    private ProcSched() {}

    /** One reading of a thread's sched file; -1 for a value not shown. */
    public record Reading(long migrations) {}

    /**
     * The calling thread's migrations so far. The file is read with positional reads (pread64),
     * not read(2): the benchmark threads call this around their loops, and tracers that count a
     * thread's read calls (perf counts from ready to finished, without the region markers) must
     * see only the loop's.
     */
    public static Reading ofThisThread() {
        try (FileChannel in = FileChannel.open(Path.of("/proc/thread-self/sched"), StandardOpenOption.READ)) {
            ByteBuffer text = ByteBuffer.allocate(16 * 1024);
            while (text.hasRemaining() && in.read(text, text.position()) > 0) {
                // a sched file is about 2 KiB: one pread, and one more that says end of file
            }
            return parse(new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return new Reading(-1);
        }
    }

    /** The values of a sched file's text (-1 for each that is absent; all -1 for empty text). */
    public static Reading parse(String schedText) {
        return new Reading(migrations(schedText));
    }

    /** Migrations of the calling thread so far, or -1 where the kernel does not show them. */
    public static long migrationsOfThisThread() {
        return ofThisThread().migrations();
    }

    /** {@code se.nr_migrations} in the text of a sched file, or -1 when absent. */
    public static long migrations(String schedText) {
        return field(schedText, "se.nr_migrations");
    }

    /** The integer value of {@code name : value} in a sched file, or -1 when absent or not an integer. */
    static long field(String schedText, String name) {
        String value = text(schedText, name);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(String schedText, String name) {
        for (String line : schedText.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
